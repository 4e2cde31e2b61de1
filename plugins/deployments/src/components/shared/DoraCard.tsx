import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { DoraLevel, DoraMetrics } from '@flightdeck/plugin-deployments-common';
import {
  Box,
  Chip,
  Grid,
  MenuItem,
  Select,
  Typography,
  useTheme,
} from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Bar,
  BarChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { deploymentsApiRef } from '../../api/DeploymentsApi';
import { formatHours, formatRate } from './formatting';
import { DeploymentScope } from './scope';

const LEVEL_COLOURS: Record<DoraLevel, string> = {
  elite: '#1b873f',
  high: '#2a7ab0',
  medium: '#b7791f',
  low: '#c53030',
};

export const LevelChip = ({ level }: { level: DoraLevel | null }) =>
  level ? (
    <Chip
      size="small"
      label={level}
      style={{ backgroundColor: LEVEL_COLOURS[level], color: '#fff' }}
    />
  ) : (
    <Chip size="small" variant="outlined" label="no data" />
  );

const Metric = ({
  title,
  value,
  detail,
  level,
}: {
  title: string;
  value: string;
  detail: string;
  level: DoraLevel | null;
}) => (
  <Box>
    <Typography variant="overline" color="textSecondary">
      {title}
    </Typography>
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <Typography variant="h5" component="p">
        {value}
      </Typography>
      <LevelChip level={level} />
    </Box>
    <Typography variant="caption" color="textSecondary">
      {detail}
    </Typography>
  </Box>
);

export const DoraMetricsView = ({ metrics }: { metrics: DoraMetrics }) => {
  const theme = useTheme();
  const { deploymentFrequency, leadTime, changeFailures, timeToRestore } =
    metrics;
  return (
    <>
      <Grid container spacing={3}>
        <Grid item xs={12} sm={6} md={3}>
          <Metric
            title="Deployment frequency"
            value={`${deploymentFrequency.perDay} / day`}
            detail={`${deploymentFrequency.total} successful deployments`}
            level={deploymentFrequency.level}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <Metric
            title="Lead time for changes"
            value={formatHours(leadTime.medianHours)}
            detail={`median; p90 ${formatHours(leadTime.p90Hours)} over ${
              leadTime.changes
            } changes`}
            level={leadTime.level}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <Metric
            title="Change failure rate"
            value={formatRate(metrics.changeFailureRate)}
            detail={`${changeFailures.failed} of ${changeFailures.total} deployments`}
            level={changeFailures.level}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <Metric
            title="Time to restore"
            value={formatHours(timeToRestore.medianHours)}
            detail={`median; ${timeToRestore.restored} restored, ${timeToRestore.unrestored} open`}
            level={timeToRestore.level}
          />
        </Grid>
      </Grid>
      <Box mt={2} height={160}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={metrics.series}>
            <XAxis dataKey="date" tick={{ fontSize: 11 }} minTickGap={24} />
            <YAxis allowDecimals={false} width={28} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Bar
              dataKey="deployments"
              name="Successful deployments"
              stackId="outcome"
              fill={theme.palette.primary.main}
            />
            <Bar
              dataKey="failures"
              name="Failed or rolled back"
              stackId="outcome"
              fill={LEVEL_COLOURS.low}
            />
          </BarChart>
        </ResponsiveContainer>
      </Box>
    </>
  );
};

const WINDOWS = [7, 30, 90, 180];

/** The four keys of a service, a team or everyone, in production. */
export const DoraCard = ({ scope }: { scope: DeploymentScope }) => {
  const api = useApi(deploymentsApiRef);
  const [days, setDays] = useState(30);
  const { entityRef, owner } = scope;
  const { value, loading, error } = useAsync(
    () =>
      api.getDora({
        entityRef,
        owner,
        from: new Date(Date.now() - days * 86400_000).toISOString(),
      }),
    [api, entityRef, owner, days],
  );
  return (
    <InfoCard
      title={
        <Box display="flex" alignItems="center" style={{ gap: 12 }}>
          <span>DORA metrics</span>
          {value && <LevelChip level={value.level} />}
        </Box>
      }
      subheader={
        value ? `${value.scope.environment}, last ${days} days` : undefined
      }
      action={
        <Select
          value={days}
          onChange={e => setDays(Number(e.target.value))}
          aria-label="Window"
        >
          {WINDOWS.map(d => (
            <MenuItem key={d} value={d}>
              Last {d} days
            </MenuItem>
          ))}
        </Select>
      }
      deepLink={{
        title: 'How these are measured',
        link: '/docs/default/component/flightdeck/deployments/#dora-metrics',
      }}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && !loading && <DoraMetricsView metrics={value} />}
    </InfoCard>
  );
};
