import { IngestService, RepositoryTrust } from '@flightdeck/ingest-node';
import { deploymentsApi } from '@flightdeck/plugin-deployments-common';
import express from 'express';
import { DeploymentsConfig } from '../config';
import { bindDeployEndpoints } from '../deploy/deploy.router';
import { DeployRequests } from '../deploy/DeployRequests';
import { bindDoraEndpoints } from '../dora/dora.router';
import { DoraService } from '../dora/DoraService';
import { bindHistoryEndpoints } from '../history/deployments.router';
import { DeploymentIngestor } from '../ingestion/DeploymentIngestor';
import { bindEventsEndpoint } from '../ingestion/events.router';
import { ActionSupport } from '../providers/ActionSupport';
import { bindRollbackEndpoints } from '../rollback/rollback.router';
import { RollbackRequests } from '../rollback/RollbackRequests';
import { DeploymentStore } from '../store/DeploymentStore';
import { bindCDEventsEndpoint } from '../webhooks/cdevents/cdevents.router';
import { CDEventTranslator } from '../webhooks/cdevents/CDEventTranslator';
import { bindGithubWebhookEndpoint } from '../webhooks/github/githubWebhook.router';

/** The services the endpoints call. */
export interface DeploymentsRouterDeps {
  config: DeploymentsConfig;
  ingest: IngestService;
  store: DeploymentStore;
  ingestor: DeploymentIngestor;
  /** Which entity a repository's webhook deliveries belong to. */
  trust: RepositoryTrust;
  translator: CDEventTranslator;
  deploys: DeployRequests;
  rollbacks: RollbackRequests;
  support: ActionSupport;
  dora: DoraService;
}

/**
 * Binds every endpoint of the deployments contract, one file per endpoint
 * or small group; building fails if one is left out.
 */
export function createRouter(deps: DeploymentsRouterDeps): express.Router {
  const router = deps.ingest.router(deploymentsApi);
  const environments = deps.ingest.environments;
  bindEventsEndpoint(router, deps);
  bindGithubWebhookEndpoint(router, {
    ...deps,
    secrets: deps.config.github.webhookSecrets,
  });
  bindCDEventsEndpoint(router, deps);
  bindDeployEndpoints(router, deps);
  bindRollbackEndpoints(router, deps);
  bindHistoryEndpoints(router, { ...deps, environments });
  bindDoraEndpoints(router, deps);
  return router.build();
}
