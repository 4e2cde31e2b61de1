import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  ingestServiceRef,
  authPoliciesOf,
  RepositoryTrust,
} from '@flightdeck/ingest-node';
import {
  deploymentsApi,
  deploymentsPermissions,
} from '@flightdeck/plugin-deployments-common';
import {
  doraFailureSourcesExtensionPoint,
  FailureSource,
} from '@flightdeck/plugin-deployments-node';
import { readDeploymentsConfig } from './config';
import { DeployRequests } from './deploy/DeployRequests';
import { DoraCalculator } from './dora/DoraCalculator';
import { DoraService } from './dora/DoraService';
import { KnexDoraReadModel } from './dora/KnexDoraReadModel';
import { DeploymentIngestor } from './ingestion/DeploymentIngestor';
import { ActionSupport } from './providers/ActionSupport';
import { DeployProviders } from './providers/DeployProviders';
import { RollbackRequests } from './rollback/RollbackRequests';
import { createRouter } from './router/createRouter';
import { KnexDeploymentStore } from './store/KnexDeploymentStore';
import { CDEventTranslator } from './webhooks/cdevents/CDEventTranslator';

/**
 * The deployments backend: ingests deployment events, serves the history
 * and DORA metrics, and deploys and rolls back through providers.
 *
 * @public
 */
export const deploymentsPlugin = createBackendPlugin({
  pluginId: 'deployments',
  register(env) {
    const failureSources: FailureSource[] = [];
    env.registerExtensionPoint(doraFailureSourcesExtensionPoint, {
      addFailureSource(source) {
        failureSources.push(source);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
        ingest: ingestServiceRef,
      },
      async init({
        config,
        database,
        httpRouter,
        permissionsRegistry,
        ingest,
      }) {
        permissionsRegistry.addPermissions(deploymentsPermissions);
        const settings = readDeploymentsConfig(config);
        const store = await KnexDeploymentStore.create({
          database,
          idempotency: ingest.idempotency,
        });
        const ingestor = new DeploymentIngestor(store, ingest);
        const trust = RepositoryTrust.fromConfig(config);
        const providers = DeployProviders.create(settings, trust);
        const readModel = await KnexDoraReadModel.create(database);
        const calculator = new DoraCalculator(readModel, [
          readModel,
          ...failureSources,
        ]);

        httpRouter.use(
          createRouter({
            config: settings,
            ingest,
            store,
            ingestor,
            trust,
            translator: new CDEventTranslator(ingest, store),
            deploys: new DeployRequests({ store, ingestor, providers }),
            rollbacks: new RollbackRequests(providers),
            support: new ActionSupport(ingest, providers),
            dora: new DoraService(calculator, ingest.environments),
          }),
        );
        for (const policy of authPoliciesOf(deploymentsApi)) {
          httpRouter.addAuthPolicy(policy);
        }
      },
    });
  },
});
