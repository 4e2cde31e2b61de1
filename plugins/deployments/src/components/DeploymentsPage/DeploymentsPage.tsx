import { Content, ContentHeader } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Grid } from '@material-ui/core';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { deploymentsApiRef } from '../../api/DeploymentsApi';
import { DeploymentHistory } from '../shared/DeploymentHistory';
import { DoraCard } from '../shared/DoraCard';
import { TeamSelect } from './TeamSelect';
import { TeamsDoraTable } from './TeamsDoraTable';

/**
 * The organisation's Deployments page: DORA metrics for everyone or one
 * team, how the teams compare, and the recent deployments of every service.
 * The chosen team is kept in the address (`?owner=`), so a view can be shared.
 */
export const DeploymentsPage = () => {
  const api = useApi(deploymentsApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [params, setParams] = useSearchParams();
  const owner = params.get('owner') ?? '';
  const setOwner = (next: string) =>
    setParams(next ? { owner: next } : {}, { replace: true });

  const environments = useAsync(() => api.listEnvironments(), [api]);
  const teams = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group', 'spec.type': 'team' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile',
      ],
      order: { field: 'metadata.name', order: 'asc' },
    });
    return items;
  }, [catalogApi]);

  const scope = { owner: owner || undefined };
  return (
    <Content>
      <ContentHeader title={owner ? 'Team deployments' : 'All deployments'}>
        <TeamSelect
          teams={teams.value ?? []}
          value={owner}
          onChange={setOwner}
        />
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <DoraCard scope={scope} />
        </Grid>
        {!owner && teams.value && (
          <Grid item xs={12}>
            <TeamsDoraTable teams={teams.value} onSelect={setOwner} />
          </Grid>
        )}
        <Grid item xs={12}>
          <DeploymentHistory
            key={owner}
            scope={scope}
            environments={environments.value ?? []}
          />
        </Grid>
      </Grid>
    </Content>
  );
};
