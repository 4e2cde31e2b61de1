import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  CatalogEntityResolver,
  readEnvironments,
  readIdempotencyRetentionDays,
} from '@flightdeck/ingest-node';
import { deploymentsPermissions } from '@flightdeck/plugin-deployments-common';
import { createRouter } from './router';
import { DeployProviders } from './providers/DeployProviders';
import { DeploymentIngestor } from './service/DeploymentIngestor';
import { DoraCalculator } from './service/dora/DoraCalculator';
import { KnexDoraReadModel } from './service/dora/KnexDoraReadModel';
import { KnexDeploymentStore } from './service/KnexDeploymentStore';
import { readGithubWebhookSecrets } from './webhooks/github/githubWebhookRoute';

/**
 * The deployments backend: ingests deployment events and serves history.
 *
 * @public
 */
export const deploymentsPlugin = createBackendPlugin({
  pluginId: 'deployments',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
      },
      async init({
        config,
        database,
        httpAuth,
        httpRouter,
        auth,
        catalog,
        permissions,
        permissionsRegistry,
        auditor,
        scheduler,
        logger,
      }) {
        permissionsRegistry.addPermissions(deploymentsPermissions);
        const environments = readEnvironments(config);
        const store = await KnexDeploymentStore.create(database);
        await store.scheduleKeyPurge({
          scheduler,
          logger,
          retentionDays: readIdempotencyRetentionDays(config),
        });
        const resolver = new CatalogEntityResolver(catalog, auth);
        const ingestor = new DeploymentIngestor(store, resolver, environments);
        const readModel = await KnexDoraReadModel.create(database);
        // Deployment outcomes are the failure source until incidents join.
        const dora = new DoraCalculator(readModel, [readModel]);
        httpRouter.use(
          await createRouter({
            httpAuth,
            store,
            ingestor,
            dora,
            environments,
            resolver,
            github: { secrets: readGithubWebhookSecrets(config) },
            actions: {
              permissions,
              auditor,
              resolver,
              providers: DeployProviders.fromConfig(config),
            },
          }),
        );
        // GitHub cannot send Backstage credentials; it signs its deliveries.
        httpRouter.addAuthPolicy({
          path: '/webhooks/github',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
