import { GithubCredentialsProvider } from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { RollbackProvider, RollbackRequest } from './RollbackProvider';

/**
 * GitHub Actions: a `workflow_dispatch` of the service's deploy workflow
 * (`flightdeck.io/deploy-workflow`) with the inputs `version`, `environment`
 * and `reason`, on the ref in `flightdeck.io/deploy-ref` (default `main`).
 */
export class GithubActionsRollbackProvider implements RollbackProvider {
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

  async trigger(request: RollbackRequest): Promise<{ url?: string }> {
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
        version: request.deployment.version,
        environment: request.deployment.environment,
        reason: request.reason,
      },
    });
    return {
      url: `https://github.com/${slug}/actions/workflows/${encodeURIComponent(
        workflow,
      )}`,
    };
  }
}
