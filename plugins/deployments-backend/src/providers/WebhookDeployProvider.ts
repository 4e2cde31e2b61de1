import { stringifyEntityRef } from '@backstage/catalog-model';
import { signHmacSha256 } from '@flightdeck/ingest-node';
import { DeployProvider, DeployRequest } from './DeployProvider';

/**
 * Any CD system: a JSON POST to a URL from configuration (never from the
 * request or the catalog). `X-Flightdeck-Signature-256` is the HMAC-SHA256 of
 * `<X-Flightdeck-Timestamp>.<body>`, so the receiver can check it came from
 * here and refuse a request replayed later (docs/deployments.md).
 */
export class WebhookDeployProvider implements DeployProvider {
  readonly id = 'webhook' as const;

  constructor(
    private readonly options: {
      url: string;
      secret: string;
      timeoutMs?: number;
    },
  ) {}

  async trigger(request: DeployRequest): Promise<{ url?: string }> {
    const body = JSON.stringify({
      action: request.action,
      entityRef: stringifyEntityRef(request.entity),
      environment: request.environment,
      version: request.version,
      deploymentId: request.deploymentId,
      reason: request.reason,
      requestedBy: request.requestedBy,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Flightdeck-Timestamp': timestamp,
        'X-Flightdeck-Signature-256': signHmacSha256(
          `${timestamp}.${body}`,
          this.options.secret,
        ),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    if (!response.ok) {
      throw Object.assign(
        new Error(
          `The deploy webhook answered ${response.status} ${response.statusText}`,
        ),
        { status: response.status },
      );
    }
    return {};
  }
}
