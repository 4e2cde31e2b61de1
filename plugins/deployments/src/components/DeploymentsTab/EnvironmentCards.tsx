import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EnvironmentState } from '@flightdeck/plugin-deployments-common';
import { Box, Chip, Grid, Typography } from '@material-ui/core';
import { DeploymentStatusLabel } from '../shared/StatusChip';
import { RolloutSteps } from '../shared/RolloutSteps';
import { formatRelative } from '../shared/formatting';

const EnvironmentCard = ({
  state,
  production,
}: {
  state: EnvironmentState;
  production: boolean;
}) => {
  const { current, latest } = state;
  return (
    <InfoCard
      title={
        <Box display="flex" alignItems="center">
          <span>{state.environment}</span>
          {production && (
            <Chip
              size="small"
              label="production"
              color="primary"
              style={{ marginLeft: 8 }}
            />
          )}
        </Box>
      }
    >
      {current ? (
        <>
          <Typography
            variant="h4"
            component="p"
            data-testid={`current-${state.environment}`}
          >
            {current.version}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            deployed {formatRelative(current.finishedAt ?? current.startedAt)}
            {current.actor ? ` by ${current.actor}` : ''}
          </Typography>
        </>
      ) : (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid={`nothing-${state.environment}`}
        >
          {latest?.status === 'removed'
            ? `Nothing runs here: removed ${formatRelative(
                latest.finishedAt ?? latest.startedAt,
              )}`
            : 'Nothing deployed yet'}
        </Typography>
      )}
      {latest && (
        <Box mt={2}>
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            style={{ gap: 8 }}
          >
            <Typography variant="body2">{latest.version}</Typography>
            <DeploymentStatusLabel status={latest.status} />
            <Typography variant="body2" color="textSecondary">
              {formatRelative(latest.startedAt)}
            </Typography>
          </Box>
          <RolloutSteps steps={latest.steps} />
        </Box>
      )}
    </InfoCard>
  );
};

export const EnvironmentCards = ({
  states,
  productionName,
  loading,
  error,
}: {
  states?: EnvironmentState[];
  productionName?: string;
  loading: boolean;
  error?: Error;
}) => {
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <Grid container spacing={3}>
      {(states ?? []).map(state => (
        <Grid
          item
          xs={12}
          md={
            Math.max(3, Math.floor(12 / (states?.length || 1))) as
              | 3
              | 4
              | 6
              | 12
          }
          key={state.environment}
        >
          <EnvironmentCard
            state={state}
            production={state.environment === productionName}
          />
        </Grid>
      ))}
    </Grid>
  );
};
