import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';

/** The generic webhook provider: where deploys are POSTed, and their key. */
export interface WebhookProviderConfig {
  url: string;
  secret: string;
}

/** The deployments backend's configuration, read once at start. */
export interface DeploymentsConfig {
  github: {
    /** The current webhook secret first, then one being rotated out. */
    webhookSecrets: string[];
  };
  providers: {
    webhook?: WebhookProviderConfig;
  };
  /** `integrations`, for GitHub Actions deploys. */
  integrations: ScmIntegrations;
}

/** Reads `deployments.*` (see config.d.ts) with its defaults, or says what is wrong. */
export function readDeploymentsConfig(config: Config): DeploymentsConfig {
  const github = config.getOptionalConfig('deployments.github');
  // deployments.rollback.webhook is the key from before releases deployed.
  const webhook =
    config.getOptionalConfig('deployments.providers.webhook') ??
    config.getOptionalConfig('deployments.rollback.webhook');
  return {
    github: {
      webhookSecrets: [
        github?.getOptionalString('webhookSecret'),
        github?.getOptionalString('previousWebhookSecret'),
      ].filter((secret): secret is string => !!secret),
    },
    providers: {
      webhook: webhook && readWebhook(webhook),
    },
    integrations: ScmIntegrations.fromConfig(config),
  };
}

function readWebhook(webhook: Config): WebhookProviderConfig {
  const url = webhook.getString('url');
  if (!/^https?:\/\//i.test(url)) {
    throw new Error('deployments.providers.webhook.url must be an http(s) URL');
  }
  return { url, secret: webhook.getString('secret') };
}
