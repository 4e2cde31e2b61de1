import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Chip,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';

/** The components owned by the signed-in user or their teams. */
export const MyServicesCard = () => {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);

  const { value, loading, error } = useAsync(async (): Promise<Entity[]> => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'component',
        'relations.ownedBy': ownershipEntityRefs,
      },
      fields: ['kind', 'metadata', 'spec.type', 'spec.lifecycle'],
      order: { field: 'metadata.name', order: 'asc' },
    });
    return items;
  }, [identityApi, catalogApi]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.length) {
    return (
      <EmptyState
        missing="data"
        title="You don't own any services yet"
        description="Services owned by you or your teams show up here. Create one from a template to get started."
      />
    );
  }
  return (
    <List dense>
      {value.map(entity => (
        <ListItem key={entity.metadata.name} divider>
          <ListItemText
            primary={<EntityRefLink entityRef={entity} />}
            secondary={
              <Typography
                variant="body2"
                color="textSecondary"
                component="span"
              >
                {entity.metadata.description}
              </Typography>
            }
          />
          <Chip size="small" label={String(entity.spec?.type ?? 'component')} />
          <Chip
            size="small"
            variant="outlined"
            label={String(entity.spec?.lifecycle ?? 'unknown')}
          />
        </ListItem>
      ))}
    </List>
  );
};
