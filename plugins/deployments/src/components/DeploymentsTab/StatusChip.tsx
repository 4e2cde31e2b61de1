import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { DeploymentStatus } from '@flightdeck/plugin-deployments-common';

const labels: Record<DeploymentStatus, string> = {
  started: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  rolled_back: 'Rolled back',
  cancelled: 'Cancelled',
};

export const DeploymentStatusLabel = ({
  status,
}: {
  status: DeploymentStatus;
}) => {
  const label = labels[status];
  switch (status) {
    case 'succeeded':
      return <StatusOK>{label}</StatusOK>;
    case 'failed':
      return <StatusError>{label}</StatusError>;
    case 'rolled_back':
      return <StatusWarning>{label}</StatusWarning>;
    case 'cancelled':
      return <StatusAborted>{label}</StatusAborted>;
    default:
      return <StatusRunning>{label}</StatusRunning>;
  }
};
