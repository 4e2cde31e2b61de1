import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ActionSupport,
  DeployAnswer,
  Deployment,
  DeployRequest,
} from '@flightdeck/plugin-deployments-common';

export type { DeployAnswer, DeployRequest };
export type DeploySupport = ActionSupport;

/**
 * The deployments plugin's API as the scaffolder's actions use it. A deploy
 * goes on behalf of the user who runs the template, so that the deployments
 * plugin checks that user's permissions.
 */
export class DeploymentsClient {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async deploy(
    body: DeployRequest,
    onBehalfOf: BackstageCredentials,
  ): Promise<DeployAnswer> {
    return this.call('/deployments', onBehalfOf, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  /** Whether the user may deploy the service, and through which provider. */
  async support(
    entityRef: string,
    onBehalfOf: BackstageCredentials,
  ): Promise<DeploySupport> {
    return this.call(
      `/deploy-support?entityRef=${encodeURIComponent(entityRef)}`,
      onBehalfOf,
      {},
    );
  }

  /**
   * One deployment, read with the scaffolder's own credentials: a release
   * follows its deployment for longer than a user's token lives.
   */
  async get(id: string, signal?: AbortSignal): Promise<Deployment> {
    return this.call(
      `/deployments/${encodeURIComponent(id)}`,
      await this.auth.getOwnServiceCredentials(),
      { signal },
    );
  }

  private async call<T>(
    path: string,
    onBehalfOf: BackstageCredentials,
    init: RequestInit,
  ): Promise<T> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf,
      targetPluginId: 'deployments',
    });
    const response = await fetch(
      `${await this.discovery.getBaseUrl('deployments')}${path}`,
      {
        ...init,
        headers: { ...init.headers, Authorization: `Bearer ${token}` },
      },
    );
    if (!response.ok) {
      // The plugin's own words say what to do; the status line alone does not.
      const error = await ResponseError.fromResponse(response);
      error.message = `The deployments plugin answered ${response.status}: ${
        error.body.error?.message ?? response.statusText
      }`;
      throw error;
    }
    return (await response.json()) as T;
  }
}
