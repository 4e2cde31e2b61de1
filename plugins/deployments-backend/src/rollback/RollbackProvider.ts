import { Entity } from '@backstage/catalog-model';
import { Deployment } from '@flightdeck/plugin-deployments-common';

/** What a rollback asks the CD system to do: put `deployment.version` back. */
export interface RollbackRequest {
  entity: Entity;
  deployment: Deployment;
  reason: string;
  requestedBy: string;
}

/** A CD system Flightdeck can ask to redeploy an earlier version. */
export interface RollbackProvider {
  readonly id: 'github-actions' | 'webhook';
  trigger(request: RollbackRequest): Promise<{ url?: string }>;
}

/** The provider a service uses, or what to configure to get one. */
export type RollbackProviderChoice =
  | { provider: RollbackProvider; missing?: undefined }
  | { provider?: undefined; missing: string };
