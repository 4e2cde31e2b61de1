import { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { GithubActionsRollbackProvider } from './GithubActionsRollbackProvider';
import { RollbackProviderChoice } from './RollbackProvider';
import { WebhookRollbackProvider } from './WebhookRollbackProvider';

const PROVIDER = 'flightdeck.io/deploy-provider';
const WORKFLOW = 'flightdeck.io/deploy-workflow';
const REF = 'flightdeck.io/deploy-ref';
const SLUG = 'github.com/project-slug';

/**
 * Picks a service's rollback provider from its annotations and the portal's
 * configuration, or says exactly what is missing.
 */
export class RollbackProviders {
  static fromConfig(config: Config): RollbackProviders {
    const integrations = ScmIntegrations.fromConfig(config);
    const webhook = config.getOptionalConfig('deployments.rollback.webhook');
    return new RollbackProviders(
      integrations,
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      webhook
        ? { url: webhook.getString('url'), secret: webhook.getString('secret') }
        : undefined,
    );
  }

  constructor(
    private readonly integrations: ScmIntegrations,
    private readonly githubCredentials: GithubCredentialsProvider,
    private readonly webhook?: { url: string; secret: string },
  ) {
    if (webhook && !/^https?:\/\//i.test(webhook.url)) {
      throw new Error(
        'deployments.rollback.webhook.url must be an http(s) URL',
      );
    }
  }

  forEntity(entity: Entity): RollbackProviderChoice {
    const annotations = entity.metadata.annotations ?? {};
    const name = stringifyEntityRef(entity);
    switch (annotations[PROVIDER]) {
      case 'github-actions': {
        const slug = annotations[SLUG];
        const workflow = annotations[WORKFLOW];
        if (!slug || !/^[\w.-]+\/[\w.-]+$/.test(slug) || !workflow) {
          return {
            missing: `${name} needs the annotations ${SLUG} (owner/repo) and ${WORKFLOW} (the workflow file) for GitHub Actions rollbacks`,
          };
        }
        const integration = this.integrations.github.byHost('github.com');
        if (!integration?.config.token && !integration?.config.apps?.length) {
          return {
            missing:
              'Configure integrations.github for github.com with a token or app that may dispatch workflows',
          };
        }
        return {
          provider: new GithubActionsRollbackProvider({
            slug,
            workflow,
            ref: annotations[REF] ?? 'main',
            apiBaseUrl:
              integration.config.apiBaseUrl ?? 'https://api.github.com',
            credentials: this.githubCredentials,
          }),
        };
      }
      case 'webhook':
        if (!this.webhook) {
          return {
            missing:
              'Configure deployments.rollback.webhook.url and deployments.rollback.webhook.secret for webhook rollbacks',
          };
        }
        return { provider: new WebhookRollbackProvider(this.webhook) };
      default:
        return {
          missing: `Set the ${PROVIDER} annotation of ${name} to github-actions or webhook to roll back from Flightdeck`,
        };
    }
  }
}
