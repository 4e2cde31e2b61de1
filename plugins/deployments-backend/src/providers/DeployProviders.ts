import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { NotAllowedError } from '@backstage/errors';
import {
  RepositoryTrust,
  UnprocessableEntityError,
} from '@flightdeck/ingest-node';
import { DeploymentsConfig, WebhookProviderConfig } from '../config';
import { DeployProvider, DeployProviderChoice } from './DeployProvider';
import { GithubActionsDeployProvider } from './GithubActionsDeployProvider';
import { WebhookDeployProvider } from './WebhookDeployProvider';

const PROVIDER = 'flightdeck.io/deploy-provider';
const WORKFLOW = 'flightdeck.io/deploy-workflow';
const REF = 'flightdeck.io/deploy-ref';
const SLUG = 'github.com/project-slug';

/**
 * Picks the CD system a service deploys through, for releases and rollbacks,
 * from its annotations and the portal's configuration, or says exactly what
 * is missing. The repository, workflow and ref of a GitHub Actions deploy
 * are followed only when `trust` believes the entity's claim on them.
 */
export class DeployProviders {
  static create(
    config: Pick<DeploymentsConfig, 'integrations' | 'providers'>,
    trust: RepositoryTrust,
  ): DeployProviders {
    return new DeployProviders(
      config.integrations,
      DefaultGithubCredentialsProvider.fromIntegrations(config.integrations),
      trust,
      config.providers.webhook,
    );
  }

  private constructor(
    private readonly integrations: ScmIntegrations,
    private readonly githubCredentials: GithubCredentialsProvider,
    private readonly trust: RepositoryTrust,
    private readonly webhook?: WebhookProviderConfig,
  ) {}

  /**
   * The provider of the entity; throws a 422 saying what to configure when
   * it has none, a 403 saying why when its annotations may not be followed.
   */
  require(entity: Entity): DeployProvider {
    const { provider, refused, missing } = this.forEntity(entity);
    if (provider) return provider;
    if (refused) throw new NotAllowedError(refused);
    throw new UnprocessableEntityError(missing);
  }

  forEntity(entity: Entity): DeployProviderChoice {
    const annotations = entity.metadata.annotations ?? {};
    const name = stringifyEntityRef(entity);
    switch (annotations[PROVIDER]) {
      case 'github-actions': {
        const slug = annotations[SLUG];
        const workflow = annotations[WORKFLOW];
        if (!slug || !/^[\w.-]+\/[\w.-]+$/.test(slug) || !workflow) {
          return {
            missing: `${name} needs the annotations ${SLUG} (owner/repo) and ${WORKFLOW} (the workflow file) for GitHub Actions deploys`,
          };
        }
        const [owner, repo] = slug.split('/');
        const ref = annotations[REF] ?? 'main';
        const { reason } = this.trust.verdict(entity, {
          repository: { host: 'github', hostname: 'github.com', owner, repo },
          workflow,
          ref,
        });
        if (reason) return { refused: reason };
        const integration = this.integrations.github.byHost('github.com');
        if (!integration?.config.token && !integration?.config.apps?.length) {
          return {
            missing:
              'Configure integrations.github for github.com with a token or app that may dispatch workflows',
          };
        }
        return {
          provider: new GithubActionsDeployProvider({
            slug,
            workflow,
            ref,
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
              'Configure deployments.providers.webhook.url and deployments.providers.webhook.secret for webhook deploys',
          };
        }
        return { provider: new WebhookDeployProvider(this.webhook) };
      default:
        return {
          missing: `Set the ${PROVIDER} annotation of ${name} to github-actions or webhook to deploy and roll back from Flightdeck`,
        };
    }
  }
}
