import { createBackend } from '@backstage/backend-defaults';
import { localGitUrlReaderFactory } from '@flightdeck/plugin-scaffolder-backend-module-flightdeck';
import { rootHttpRouter } from './rootHttpRouter';
import { techdocsModuleMkdocsPolicy } from './techdocs/techdocsModuleMkdocsPolicy';

const backend = createBackend();

// Backstage's root router, sending small answers uncompressed.
backend.add(rootHttpRouter);

// Serves the built frontend, so the whole portal answers on one port.
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

backend.add(import('@backstage/plugin-techdocs-backend'));
// Local builds only of sites that run no code of their repository.
backend.add(techdocsModuleMkdocsPolicy);

backend.add(import('@backstage/plugin-search-backend'));
// Uses PostgreSQL full-text search when the database is PostgreSQL, and the
// in-memory engine otherwise.
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@flightdeck/plugin-permission-backend-module-policy'));

backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));

// Flightdeck's features.
backend.add(import('@flightdeck/plugin-deployments-backend'));
backend.add(import('@flightdeck/plugin-scaffolder-backend-module-flightdeck'));
// The catalog and TechDocs read repositories of the local git host.
backend.add(localGitUrlReaderFactory);

backend.start();
