import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { scaffolderModuleFlightdeckCatalog } from './catalog/module';
import { scaffolderModuleFlightdeckLocalGit } from './localGit/module';
import { scaffolderModuleFlightdeckRelease } from './release/module';
import { scaffolderModuleFlightdeckSharedConfigs } from './sharedConfigs/module';

/**
 * Flightdeck's scaffolder actions, as one feature for `backend.add`: the
 * four scaffolder modules for shared configs, the local git host, catalog
 * entities and releases.
 *
 * @public
 */
export const scaffolderModuleFlightdeck = createBackendFeatureLoader({
  loader() {
    return [
      scaffolderModuleFlightdeckSharedConfigs,
      scaffolderModuleFlightdeckLocalGit,
      scaffolderModuleFlightdeckCatalog,
      scaffolderModuleFlightdeckRelease,
    ];
  },
});
