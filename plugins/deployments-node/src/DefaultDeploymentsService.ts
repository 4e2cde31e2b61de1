import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  callEndpoint,
  EndpointCall,
  EndpointSpec,
} from '@flightdeck/api-common';
import { deploymentsApi } from '@flightdeck/plugin-deployments-common';
import {
  DeploymentsCallOptions,
  DeploymentsService,
} from './DeploymentsService';

const { endpoints } = deploymentsApi;

/** {@link DeploymentsService} over HTTP, found through discovery. @public */
export class DefaultDeploymentsService implements DeploymentsService {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      fetch?: typeof fetch;
    },
  ) {}

  deploy(
    body: Parameters<DeploymentsService['deploy']>[0],
    options: Parameters<DeploymentsService['deploy']>[1],
  ) {
    return this.call({ endpoint: endpoints.deploy, body }, options);
  }

  getDeploySupport(
    entityRef: string,
    options: Parameters<DeploymentsService['getDeploySupport']>[1],
  ) {
    return this.call(
      { endpoint: endpoints.deploySupport, query: { entityRef } },
      options,
    );
  }

  getDeployment(id: string, options: DeploymentsCallOptions = {}) {
    return this.call(
      { endpoint: endpoints.getDeployment, params: { id } },
      options,
    );
  }

  listDeployments(
    query: Parameters<DeploymentsService['listDeployments']>[0],
    options: DeploymentsCallOptions = {},
  ) {
    return this.call({ endpoint: endpoints.listDeployments, query }, options);
  }

  private async call<E extends EndpointSpec>(
    call: Omit<EndpointCall<E>, 'fetch' | 'baseUrl' | 'headers' | 'signal'>,
    options: DeploymentsCallOptions,
  ) {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf:
        options.onBehalfOf ?? (await this.deps.auth.getOwnServiceCredentials()),
      targetPluginId: deploymentsApi.pluginId,
    });
    try {
      return await callEndpoint({
        ...call,
        fetch: this.deps.fetch ?? fetch,
        baseUrl: await this.deps.discovery.getBaseUrl(deploymentsApi.pluginId),
        headers: { Authorization: `Bearer ${token}` },
        signal: options.signal,
      } as EndpointCall<E>);
    } catch (error) {
      if (error instanceof ResponseError) {
        // The plugin's own words say what to do; the status line alone does not.
        error.message = `The deployments plugin answered ${error.statusCode}: ${
          error.body.error?.message ?? error.statusText
        }`;
      }
      throw error;
    }
  }
}
