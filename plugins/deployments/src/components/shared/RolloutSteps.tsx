import { DeploymentStep } from '@flightdeck/plugin-deployments-common';
import { Box, Chip, LinearProgress, Typography } from '@material-ui/core';

/** Traffic on the new version: the weight of the last step that finished or runs. */
export function trafficWeight(steps: DeploymentStep[]): number | undefined {
  const reached = steps.filter(
    s => s.status !== 'pending' && s.weight !== undefined,
  );
  return reached.length ? reached[reached.length - 1].weight : undefined;
}

export const RolloutSteps = ({
  steps,
  compact = false,
}: {
  steps: DeploymentStep[];
  /** Progress bar and a count of steps done, for table rows. */
  compact?: boolean;
}) => {
  if (steps.length === 0) return null;
  const weight = trafficWeight(steps);
  const done = steps.filter(s => s.status === 'succeeded').length;
  return (
    <Box>
      {weight !== undefined && (
        <Box display="flex" alignItems="center" mb={0.5}>
          <Box flexGrow={1} mr={1}>
            <LinearProgress
              variant="determinate"
              value={weight}
              aria-label={`${weight}% of traffic on the new version`}
            />
          </Box>
          <Typography variant="caption">{weight}%</Typography>
        </Box>
      )}
      {compact && (
        <Typography variant="caption" color="textSecondary">
          {done} of {steps.length} steps done
        </Typography>
      )}
      {!compact &&
        steps.map(step => (
          <Chip
            key={step.name}
            size="small"
            variant={step.status === 'pending' ? 'outlined' : 'default'}
            color={step.status === 'failed' ? 'secondary' : 'default'}
            label={`${step.name} · ${step.status}`}
            style={{ marginRight: 4, marginBottom: 4 }}
          />
        ))}
    </Box>
  );
};
