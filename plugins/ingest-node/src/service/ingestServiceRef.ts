import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DefaultIngestService } from './DefaultIngestService';
import { IngestService } from './IngestService';

/**
 * The door a Flightdeck feature backend declares as a dependency:
 * `deps: { ingest: ingestServiceRef }`. One instance per plugin, on the
 * plugin's own database and scheduler.
 *
 * @public
 */
export const ingestServiceRef = createServiceRef<IngestService>({
  id: 'flightdeck.ingest',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      factory: deps => DefaultIngestService.create(deps),
    }),
});
