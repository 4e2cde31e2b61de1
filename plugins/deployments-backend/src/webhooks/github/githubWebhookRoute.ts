import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CatalogEntityResolver,
  FlightdeckEnvironment,
  jsonBody,
  parseInput,
  verifyHmacSha256Signature,
} from '@flightdeck/ingest-node';
import { Request, Response } from 'express';
import { DeploymentIngestor } from '../../service/DeploymentIngestor';
import {
  fromDeploymentPayload,
  fromDeploymentStatusPayload,
  githubDeploymentPayloadSchema,
  githubDeploymentStatusPayloadSchema,
  GithubDeploymentDelivery,
} from './githubDeploymentEvent';

/** GitHub caps webhook payloads at 25 MB; deployment payloads are a few KB. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface GithubWebhookOptions {
  /** The current secret first, then the one being rotated out, if any. */
  secrets: string[];
  environments: FlightdeckEnvironment[];
  resolver: CatalogEntityResolver;
  ingestor: DeploymentIngestor;
}

/** The current secret, then the one being rotated out, from `deployments.github`. */
export function readGithubWebhookSecrets(config: Config): string[] {
  const github = config.getOptionalConfig('deployments.github');
  return [
    github?.getOptionalString('webhookSecret'),
    github?.getOptionalString('previousWebhookSecret'),
  ].filter((secret): secret is string => !!secret);
}

/**
 * `POST /webhooks/github`: `deployment` and `deployment_status` deliveries,
 * signed with `X-Hub-Signature-256`. Repositories map to services through
 * the `github.com/project-slug` annotation; a redelivery (same
 * `X-GitHub-Delivery`) changes nothing.
 */
export function githubWebhookRoute(options: GithubWebhookOptions) {
  const { secrets, environments, resolver, ingestor } = options;
  const readBody = jsonBody({
    limitBytes: MAX_BODY_BYTES,
    verify: (req, raw) =>
      verifyHmacSha256Signature({
        header: req.header('x-hub-signature-256'),
        body: raw,
        secrets,
        headerName: 'X-Hub-Signature-256',
      }),
  });

  const handle = async (req: Request, res: Response) => {
    const eventName = req.header('x-github-event');
    const deliveryId = req.header('x-github-delivery');
    if (!deliveryId || !/^[\w-]{1,128}$/.test(deliveryId)) {
      throw new InputError('Missing or malformed X-GitHub-Delivery header');
    }
    let delivery: GithubDeploymentDelivery | undefined;
    if (eventName === 'ping') {
      res.json({ ok: true });
      return;
    } else if (eventName === 'deployment') {
      const payload = parseInput(
        githubDeploymentPayloadSchema,
        req.body,
        'deployment payload',
      );
      delivery = fromDeploymentPayload(payload, environments, deliveryId);
    } else if (eventName === 'deployment_status') {
      const payload = parseInput(
        githubDeploymentStatusPayloadSchema,
        req.body,
        'deployment_status payload',
      );
      delivery = fromDeploymentStatusPayload(payload, environments, deliveryId);
    } else {
      res.status(202).json({
        ignored: `GitHub event '${eventName ?? 'none'}' is not handled here`,
      });
      return;
    }
    if (!delivery) {
      res
        .status(202)
        .json({ ignored: 'this action or state does not change a deployment' });
      return;
    }
    const entity = await resolver.byAnnotation(
      'github.com/project-slug',
      delivery.repository,
    );
    res.json(
      await ingestor.ingest([
        { ...delivery.event, entityRef: stringifyEntityRef(entity) },
      ]),
    );
  };

  return [readBody, handle] as const;
}
