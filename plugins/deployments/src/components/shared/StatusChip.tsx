import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { DeploymentStatus } from '@flightdeck/plugin-deployments-common';

export const deploymentStatusLabels: Record<DeploymentStatus, string> = {
  started: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  rolled_back: 'Rolled back',
  cancelled: 'Cancelled',
  removed: 'Removed',
};

export const DeploymentStatusLabel = ({
  status,
}: {
  status: DeploymentStatus;
}) => {
  const label = deploymentStatusLabels[status];
  switch (status) {
    case 'succeeded':
      return <StatusOK>{label}</StatusOK>;
    case 'failed':
      return <StatusError>{label}</StatusError>;
    case 'rolled_back':
      return <StatusWarning>{label}</StatusWarning>;
    case 'cancelled':
    case 'removed':
      return <StatusAborted>{label}</StatusAborted>;
    default:
      return <StatusRunning>{label}</StatusRunning>;
  }
};
