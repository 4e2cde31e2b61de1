/** What the CI system running the CLI says about the deployment. */
export interface CiDefaults {
  /** Ties the started and final events of one pipeline run together. */
  deploymentId?: string;
  commitSha?: string;
  actor?: string;
  url?: string;
}

type Env = Record<string, string | undefined>;

/**
 * Defaults from GitHub Actions or GitLab CI variables; nothing elsewhere.
 * The deployment id is the run (GitHub) or pipeline (GitLab), like the curl
 * examples in docs/deployments.md, so that re-running a failed job updates
 * the deployment the run already reported.
 */
export function ciDefaultsFrom(env: Env): CiDefaults {
  if (env.GITHUB_ACTIONS === 'true') {
    const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
    return {
      deploymentId: GITHUB_RUN_ID ? `gha-${GITHUB_RUN_ID}` : undefined,
      commitSha: env.GITHUB_SHA || undefined,
      actor: env.GITHUB_ACTOR || undefined,
      url:
        GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
          ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
          : undefined,
    };
  }
  if (env.GITLAB_CI === 'true') {
    return {
      deploymentId: env.CI_PIPELINE_ID ? `gl-${env.CI_PIPELINE_ID}` : undefined,
      commitSha: env.CI_COMMIT_SHA || undefined,
      actor: env.GITLAB_USER_LOGIN || undefined,
      url: env.CI_JOB_URL || undefined,
    };
  }
  return {};
}
