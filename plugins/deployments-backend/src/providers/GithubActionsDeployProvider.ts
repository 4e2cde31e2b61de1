import { GithubCredentialsProvider } from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { DeployProvider, DeployRequest } from './DeployProvider';

/**
 * GitHub Actions: a `workflow_dispatch` of the service's deploy workflow
 * (`flightdeck.io/deploy-workflow`) with the inputs `version`, `environment`
 * and `reason`, on the ref in `flightdeck.io/deploy-ref` (default `main`).
 * A release also passes `deployment_id`, which the workflow reports back as
 * the deployment's `deploymentId`; a rollback does not, so deploy workflows
 * without that input keep working for rollbacks.
 */
export class GithubActionsDeployProvider implements DeployProvider {
  readonly id = 'github-actions' as const;

  constructor(
    private readonly options: {
      slug: string;
      workflow: string;
      ref: string;
      apiBaseUrl: string;
      credentials: GithubCredentialsProvider;
    },
  ) {}

  async trigger(request: DeployRequest): Promise<{ url?: string }> {
    const { slug, workflow, ref, apiBaseUrl, credentials } = this.options;
    const [owner, repo] = slug.split('/');
    const { token } = await credentials.getCredentials({
      url: `https://github.com/${slug}`,
    });
    const octokit = new Octokit({ auth: token, baseUrl: apiBaseUrl });
    await octokit.actions.createWorkflowDispatch({
      owner,
      repo,
      workflow_id: workflow,
      ref,
      inputs: {
        version: request.version,
        environment: request.environment,
        reason: request.reason,
        ...(request.action === 'deploy'
          ? { deployment_id: request.deploymentId }
          : {}),
      },
    });
    return {
      url: `https://github.com/${slug}/actions/workflows/${encodeURIComponent(
        workflow,
      )}`,
    };
  }
}
