import {
  EmptyState,
  Link,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Environment } from '@flightdeck/api-common';
import {
  DEPLOYMENT_STATUSES,
  Deployment,
  DeploymentStatus,
} from '@flightdeck/plugin-deployments-common';
import { Box, Button, Tooltip, Typography } from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { deploymentsApiRef, RollbackSupport } from '../../api/DeploymentsApi';
import { RollbackButton } from './RollbackButton';
import { RolloutSteps } from './RolloutSteps';
import { DeploymentStatusLabel, deploymentStatusLabels } from './StatusChip';
import { FilterSelect } from './FilterSelect';
import { DeploymentScope } from './scope';
import { formatDuration, formatRelative, shortSha } from './formatting';

const PAGE_SIZE = 20;

const serviceColumn: TableColumn<Deployment> = {
  title: 'Service',
  field: 'entityRef',
  render: d => (
    <EntityRefLink entityRef={d.entityRef} defaultKind="component" />
  ),
};

const rollbackColumn = (
  support?: RollbackSupport,
): TableColumn<Deployment> => ({
  title: '',
  field: 'id',
  sorting: false,
  render: d =>
    d.status === 'succeeded' ? (
      <RollbackButton deployment={d} support={support} />
    ) : null,
});

const columns: TableColumn<Deployment>[] = [
  {
    title: 'Status',
    field: 'status',
    cellStyle: { whiteSpace: 'nowrap' },
    render: d => <DeploymentStatusLabel status={d.status} />,
  },
  { title: 'Version', field: 'version' },
  { title: 'Environment', field: 'environment' },
  {
    title: 'Strategy',
    field: 'strategy',
    render: d => (
      <>
        <Typography variant="body2">{d.strategy}</Typography>
        <RolloutSteps steps={d.steps} compact />
      </>
    ),
  },
  {
    title: 'Commit',
    field: 'commitSha',
    render: d => <code>{shortSha(d.commitSha)}</code>,
  },
  { title: 'By', field: 'actor', cellStyle: { whiteSpace: 'nowrap' } },
  {
    title: 'Started',
    field: 'startedAt',
    render: d => (
      <Tooltip title={new Date(d.startedAt).toLocaleString()}>
        <span>{formatRelative(d.startedAt)}</span>
      </Tooltip>
    ),
  },
  {
    title: 'Duration',
    field: 'durationSeconds',
    render: d => formatDuration(d.durationSeconds),
  },
  {
    title: 'Run',
    field: 'url',
    render: d => (d.url ? <Link to={d.url}>CI run</Link> : null),
  },
];

/**
 * Deployments newest first, with filters by environment and status and
 * paging. A service's history offers rollback; a wider one names the
 * service of each deployment instead. Give it a `key` per scope, so that a
 * new scope starts again at the newest page.
 */
export const DeploymentHistory = ({
  scope,
  environments,
}: {
  scope: DeploymentScope;
  environments: Environment[];
}) => {
  const { entityRef, owner } = scope;
  const api = useApi(deploymentsApiRef);
  const [environment, setEnvironment] = useState('');
  const [status, setStatus] = useState<DeploymentStatus | ''>('');
  // Cursors of the pages before the current one, to go back.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const cursor = cursors[cursors.length - 1];

  const { value, loading, error } = useAsync(
    () =>
      api.listDeployments({
        entityRef,
        owner,
        environment: environment || undefined,
        status: status || undefined,
        limit: PAGE_SIZE,
        cursor,
      }),
    [api, entityRef, owner, environment, status, cursor],
  );

  const support = useAsync(
    async () => (entityRef ? api.getRollbackSupport(entityRef) : undefined),
    [api, entityRef],
  );

  const resetPaging = () => setCursors([undefined]);
  const filtered = environment !== '' || status !== '';

  const filters = (
    <Box display="flex" mb={2} style={{ gap: 16 }}>
      <FilterSelect
        id="deployments-environment"
        label="Environment"
        allLabel="All environments"
        value={environment}
        options={environments.map(e => ({ value: e.name, label: e.name }))}
        onChange={next => {
          setEnvironment(next);
          resetPaging();
        }}
      />
      <FilterSelect
        id="deployments-status"
        label="Status"
        allLabel="All statuses"
        value={status}
        options={DEPLOYMENT_STATUSES.map(s => ({
          value: s,
          label: deploymentStatusLabels[s],
        }))}
        onChange={next => {
          setStatus(next as DeploymentStatus | '');
          resetPaging();
        }}
      />
    </Box>
  );

  if (!loading && !error && value?.items.length === 0 && !filtered && !cursor) {
    return (
      <EmptyState
        missing="data"
        title="No deployments yet"
        description="Deployments appear here as soon as your CI/CD pipeline reports them to Flightdeck."
        action={
          <Button
            variant="contained"
            color="primary"
            href="/docs/default/component/flightdeck/deployments/"
          >
            How to send deployment events
          </Button>
        }
      />
    );
  }

  return (
    <>
      {filters}
      <Table<Deployment>
        title="History"
        isLoading={loading}
        columns={
          entityRef
            ? [
                ...columns,
                rollbackColumn(
                  support.error
                    ? {
                        allowed: false,
                        provider: null,
                        missing: `Rollback is unavailable: ${support.error.message}`,
                      }
                    : support.value,
                ),
              ]
            : [serviceColumn, ...columns]
        }
        data={value?.items ?? []}
        emptyContent={
          <Box p={2}>
            <Typography>
              {error
                ? `Could not load deployments: ${error.message}`
                : 'No deployments match these filters.'}
            </Typography>
          </Box>
        }
        options={{ paging: false, search: false, padding: 'dense' }}
      />
      <Box display="flex" justifyContent="flex-end" mt={1}>
        <Button
          disabled={cursors.length === 1 || loading}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Newer
        </Button>
        <Button
          disabled={!value?.nextCursor || loading}
          onClick={() => setCursors([...cursors, value!.nextCursor])}
        >
          Older
        </Button>
      </Box>
    </>
  );
};
