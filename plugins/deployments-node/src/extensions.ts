import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { FailureSource } from './FailureSource';

/**
 * How a backend module adds change failures to the deployments plugin's
 * DORA metrics:
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'deployments',
 *   moduleId: 'incident-failures',
 *   register(env) {
 *     env.registerInit({
 *       deps: { failures: doraFailureSourcesExtensionPoint },
 *       async init({ failures }) {
 *         failures.addFailureSource(new IncidentFailures());
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export interface DoraFailureSourcesExtensionPoint {
  addFailureSource(source: FailureSource): void;
}

/** @public */
export const doraFailureSourcesExtensionPoint =
  createExtensionPoint<DoraFailureSourcesExtensionPoint>({
    id: 'deployments.dora-failure-sources',
  });
