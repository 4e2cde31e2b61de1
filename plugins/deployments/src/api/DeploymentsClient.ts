import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  callEndpoint,
  EndpointCall,
  EndpointSpec,
} from '@flightdeck/api-common';
import { deploymentsApi } from '@flightdeck/plugin-deployments-common';
import { DeploymentsApi } from './DeploymentsApi';

const { endpoints } = deploymentsApi;

/**
 * The deployments backend over HTTP, one method per endpoint, each typed
 * from the deployments contract. Errors are `ResponseError`s carrying the
 * backend's message.
 *
 * @public
 */
export class DeploymentsClient implements DeploymentsApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  listDeployments(query: Parameters<DeploymentsApi['listDeployments']>[0]) {
    return this.call({ endpoint: endpoints.listDeployments, query });
  }

  async getEnvironmentStates(entityRef: string) {
    const { items } = await this.call({
      endpoint: endpoints.environmentStates,
      query: { entityRef },
    });
    return items;
  }

  async listEnvironments() {
    return (await this.call({ endpoint: endpoints.environments })).items;
  }

  getDora(query: Parameters<DeploymentsApi['getDora']>[0]) {
    return this.call({ endpoint: endpoints.dora, query });
  }

  async getDoraByOwner(query: Parameters<DeploymentsApi['getDoraByOwner']>[0]) {
    return (await this.call({ endpoint: endpoints.doraByOwner, query })).items;
  }

  getRollbackSupport(entityRef: string) {
    return this.call({
      endpoint: endpoints.rollbackSupport,
      query: { entityRef },
    });
  }

  rollback(deploymentId: string, reason: string) {
    return this.call({
      endpoint: endpoints.rollback,
      params: { id: deploymentId },
      body: { reason },
    });
  }

  private async call<E extends EndpointSpec>(
    call: Omit<EndpointCall<E>, 'fetch' | 'baseUrl'>,
  ) {
    return callEndpoint({
      ...call,
      fetch: this.deps.fetchApi.fetch,
      baseUrl: await this.deps.discoveryApi.getBaseUrl(deploymentsApi.pluginId),
    } as EndpointCall<E>);
  }
}
