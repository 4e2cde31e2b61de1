import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { DoraMetrics } from '@flightdeck/plugin-deployments-common';
import { Box, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { deploymentsApiRef } from '../../api/DeploymentsApi';
import { LevelChip } from '../shared/DoraCard';
import { formatHours, formatRate } from '../shared/formatting';
import { teamTitle } from './TeamSelect';

interface TeamRow {
  id: string;
  title: string;
  metrics?: DoraMetrics;
}

const columns: TableColumn<TeamRow>[] = [
  { title: 'Team', field: 'title' },
  {
    title: 'Level',
    field: 'metrics.level',
    render: row => <LevelChip level={row.metrics?.level ?? null} />,
  },
  {
    title: 'Deployments / day',
    field: 'metrics.deploymentFrequency.perDay',
    type: 'numeric',
  },
  {
    title: 'Lead time (median)',
    field: 'metrics.leadTime.medianHours',
    type: 'numeric',
    render: row => formatHours(row.metrics?.leadTime.medianHours ?? null),
  },
  {
    title: 'Change failure rate',
    field: 'metrics.changeFailureRate',
    type: 'numeric',
    render: row => formatRate(row.metrics?.changeFailureRate ?? null),
  },
  {
    title: 'Time to restore (median)',
    field: 'metrics.timeToRestore.medianHours',
    type: 'numeric',
    render: row => formatHours(row.metrics?.timeToRestore.medianHours ?? null),
  },
];

const DAYS = 30;

/** Each team's four keys in production over the last 30 days, side by side. */
export const TeamsDoraTable = ({
  teams,
  onSelect,
}: {
  teams: Entity[];
  onSelect: (owner: string) => void;
}) => {
  const api = useApi(deploymentsApiRef);
  const { value, loading, error } = useAsync(async (): Promise<TeamRow[]> => {
    if (teams.length === 0) return [];
    const from = new Date(Date.now() - DAYS * 86400_000).toISOString();
    // One request for every team: the backend computes each team's keys.
    const items = await api.getDoraByOwner({
      owner: teams.map(team => stringifyEntityRef(team)),
      from,
    });
    const metricsOf = new Map(items.map(item => [item.owner, item.metrics]));
    return teams.map(team => {
      const id = stringifyEntityRef(team);
      return { id, title: teamTitle(team), metrics: metricsOf.get(id) };
    });
  }, [api, teams]);

  if (error) {
    return <ResponseErrorPanel error={error} title="DORA metrics by team" />;
  }

  return (
    <Table<TeamRow>
      title="Teams"
      subtitle={`production, last ${DAYS} days; choose a team to see its deployments`}
      isLoading={loading}
      columns={columns}
      data={value ?? []}
      onRowClick={(_event, row) => row && onSelect(row.id)}
      emptyContent={
        <Box p={2}>
          <Typography>No teams in the catalog.</Typography>
        </Box>
      }
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
};
