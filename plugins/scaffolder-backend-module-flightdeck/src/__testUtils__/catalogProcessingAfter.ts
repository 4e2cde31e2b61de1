import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * An in-memory catalog that answers as the real one does after
 * catalog:register: no entity for the first `looks` look-ups, while it
 * processes the new location, and `entity` from then on.
 */
export function catalogProcessingAfter(looks: number, entity: Entity) {
  const processed = catalogServiceMock({ entities: [entity] });
  let seen = 0;
  return catalogServiceMock.mock({
    getEntityByRef: async (ref, options) =>
      seen++ < looks ? undefined : processed.getEntityByRef(ref, options),
  });
}
