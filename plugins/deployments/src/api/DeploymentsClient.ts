import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  DoraMetrics,
  DeploymentPage,
  Environment,
  EnvironmentState,
} from '@flightdeck/plugin-deployments-common';
import {
  DeploymentListRequest,
  DeploymentsApi,
  DoraRequest,
  RollbackResult,
  RollbackSupport,
} from './DeploymentsApi';

/** The deployments backend over HTTP, one method per endpoint. @public */
export class DeploymentsClient implements DeploymentsApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  listDeployments(request: DeploymentListRequest): Promise<DeploymentPage> {
    return this.get('/deployments', {
      ...request,
      limit: request.limit?.toString(),
    });
  }

  async getEnvironmentStates(entityRef: string): Promise<EnvironmentState[]> {
    const body = await this.get<{ items: EnvironmentState[] }>(
      '/environment-states',
      { entityRef },
    );
    return body.items;
  }

  async listEnvironments(): Promise<Environment[]> {
    const body = await this.get<{ items: Environment[] }>('/environments', {});
    return body.items;
  }

  getDora(request: DoraRequest): Promise<DoraMetrics> {
    return this.get('/dora', { ...request });
  }

  getRollbackSupport(entityRef: string): Promise<RollbackSupport> {
    return this.get('/rollback-support', { entityRef });
  }

  async rollback(
    deploymentId: string,
    reason: string,
  ): Promise<RollbackResult> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('deployments');
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}/deployments/${encodeURIComponent(deploymentId)}/rollback`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason }),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as RollbackResult;
  }

  private async get<T>(
    path: string,
    query: Record<string, string | undefined>,
  ): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('deployments');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, value);
    }
    const qs = params.toString();
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}${path}${qs ? `?${qs}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
