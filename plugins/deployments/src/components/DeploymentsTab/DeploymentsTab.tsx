import { Content, Link } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { deploymentsApiRef } from '../../api/DeploymentsApi';
import { DeploymentHistory } from '../shared/DeploymentHistory';
import { DoraCard } from '../shared/DoraCard';
import { EnvironmentCards } from './EnvironmentCards';
import { runbookLocation } from './runbookLocation';

/** The Deployments tab of a service. */
export const DeploymentsTab = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(deploymentsApiRef);
  const runbook = runbookLocation(entity);

  const environments = useAsync(() => api.listEnvironments(), [api]);
  const states = useAsync(
    () => api.getEnvironmentStates(entityRef),
    [api, entityRef],
  );

  return (
    <Content noPadding>
      <Box mb={3}>
        <Box
          display="flex"
          alignItems="baseline"
          justifyContent="space-between"
        >
          <Typography variant="h6" component="h2" gutterBottom>
            Environments
          </Typography>
          {runbook && <Link to={runbook}>Runbook</Link>}
        </Box>
        <EnvironmentCards
          states={states.value}
          productionName={environments.value?.find(e => e.production)?.name}
          loading={states.loading}
          error={states.error}
        />
      </Box>
      <Box mb={3}>
        <DoraCard scope={{ entityRef }} />
      </Box>
      <DeploymentHistory
        scope={{ entityRef }}
        environments={environments.value ?? []}
      />
    </Content>
  );
};
