import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Table, TableColumn } from '@backstage/core-components';
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
  error?: string;
}

const columns: TableColumn<TeamRow>[] = [
  { title: 'Team', field: 'title' },
  {
    title: 'Level',
    field: 'metrics.level',
    render: row =>
      row.error ? (
        <Typography variant="caption" color="error">
          {row.error}
        </Typography>
      ) : (
        <LevelChip level={row.metrics?.level ?? null} />
      ),
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
  const { value, loading } = useAsync(async () => {
    const from = new Date(Date.now() - DAYS * 86400_000).toISOString();
    return Promise.all(
      teams.map(async (team): Promise<TeamRow> => {
        const id = stringifyEntityRef(team);
        try {
          return {
            id,
            title: teamTitle(team),
            metrics: await api.getDora({ owner: id, from }),
          };
        } catch (e) {
          return { id, title: teamTitle(team), error: (e as Error).message };
        }
      }),
    );
  }, [api, teams]);

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
