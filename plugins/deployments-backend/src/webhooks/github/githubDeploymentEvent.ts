import { DeploymentStatus } from '@flightdeck/plugin-deployments-common';
import { timestampParameter as timestamp } from '@flightdeck/api-common';
import { Environments } from '@flightdeck/ingest-node';
import { z } from 'zod';
import { ReportedDeploymentEvent } from '../../ingestion/DeploymentIngestor';

// Only the fields Flightdeck reads; GitHub sends many more, which pass.
const repository = z.object({ full_name: z.string().min(3).max(255) });
const deployment = z.object({
  id: z.number().int(),
  sha: z.string().regex(/^[0-9a-f]{7,64}$/i),
  ref: z.string().min(1).max(255),
  environment: z.string().min(1).max(255),
  created_at: timestamp,
  creator: z.object({ login: z.string() }).nullable().optional(),
});

export const githubDeploymentPayloadSchema = z.object({
  action: z.string(),
  deployment,
  repository,
});

export const githubDeploymentStatusPayloadSchema = z.object({
  action: z.string(),
  deployment_status: z.object({
    id: z.number().int(),
    state: z.enum([
      'error',
      'failure',
      'inactive',
      'in_progress',
      'queued',
      'pending',
      'success',
    ]),
    created_at: timestamp,
    target_url: z.string().nullable().optional(),
    log_url: z.string().nullable().optional(),
  }),
  deployment,
  repository,
});

/**
 * A GitHub delivery, reduced to what becomes a Flightdeck event. Its
 * idempotency key and report time come from the signed body, not from the
 * unsigned `X-GitHub-Delivery` header: the same status sent again under
 * another delivery id is the same event.
 */
export interface GithubDeploymentDelivery {
  repository: string;
  event: Omit<ReportedDeploymentEvent, 'entityRef' | 'service'>;
}

const STATE_TO_STATUS: Record<string, DeploymentStatus | undefined> = {
  queued: 'started',
  pending: 'started',
  in_progress: 'started',
  success: 'succeeded',
  failure: 'failed',
  error: 'failed',
  // "inactive" marks an older deployment as superseded: not a change.
  inactive: undefined,
};

const httpUrl = (value?: string | null) =>
  value && /^https?:\/\//i.test(value) ? value : undefined;

function common(
  payload: z.output<typeof githubDeploymentPayloadSchema>,
  environments: Environments,
) {
  const { deployment: d } = payload;
  return {
    environment: environments.resolve(d.environment, 'deployment.environment'),
    version: d.ref,
    strategy: 'rolling' as const,
    deploymentId: `github-${d.id}`,
    startedAt: new Date(d.created_at).toISOString(),
    commitSha: d.sha.toLowerCase(),
    actor: d.creator?.login,
    source: 'github',
    changes: [],
    steps: [],
  };
}

/** `deployment` created: a deployment has started. */
export function fromDeploymentPayload(
  payload: z.output<typeof githubDeploymentPayloadSchema>,
  environments: Environments,
): GithubDeploymentDelivery | undefined {
  if (payload.action !== 'created') return undefined;
  return {
    repository: payload.repository.full_name,
    event: {
      ...common(payload, environments),
      status: 'started',
      idempotencyKey: `github-deployment-${payload.deployment.id}`,
      reportedAt: payload.deployment.created_at,
    },
  };
}

/** `deployment_status` created: progress or the outcome. */
export function fromDeploymentStatusPayload(
  payload: z.output<typeof githubDeploymentStatusPayloadSchema>,
  environments: Environments,
): GithubDeploymentDelivery | undefined {
  const status = STATE_TO_STATUS[payload.deployment_status.state];
  if (payload.action !== 'created' || !status) return undefined;
  const ds = payload.deployment_status;
  return {
    repository: payload.repository.full_name,
    event: {
      ...common(payload, environments),
      status,
      idempotencyKey: `github-deployment-status-${ds.id}`,
      reportedAt: ds.created_at,
      finishedAt:
        status === 'started'
          ? undefined
          : new Date(ds.created_at).toISOString(),
      url: httpUrl(ds.log_url) ?? httpUrl(ds.target_url),
    },
  };
}
