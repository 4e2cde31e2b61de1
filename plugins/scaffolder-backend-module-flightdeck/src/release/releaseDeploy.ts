import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DeploymentsService } from '@flightdeck/plugin-deployments-node';
import { examples } from './releaseDeploy.examples';

/**
 * `flightdeck:release:deploy`: deploys a released version through the
 * service's provider, by way of the deployments plugin, which records the
 * deployment as started and checks that the user may deploy.
 */
export function createReleaseDeployAction(options: {
  deployments: DeploymentsService;
}) {
  const { deployments } = options;

  return createTemplateAction({
    id: 'flightdeck:release:deploy',
    description:
      "Deploys a version of a service to an environment through the service's provider (GitHub Actions or the CD webhook). The deployments plugin records it as started and checks that the user running the template may deploy the service; follow it with flightdeck:release:wait",
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        entityRef: z =>
          z.string().min(1).describe('The service, as an entity ref'),
        environment: z =>
          z
            .string()
            .min(1)
            .describe('A configured environment, such as staging'),
        version: z =>
          z.string().min(1).describe('The version or tag to deploy, v1.4.0'),
        commitSha: z =>
          z
            .string()
            .optional()
            .describe(
              'The commit of the version, for the history: the release commit',
            ),
        reason: z =>
          z
            .string()
            .optional()
            .describe(
              'Why, for the history and the audit log (default: the release)',
            ),
        changes: z =>
          z
            .array(z.object({ sha: z.string(), committedAt: z.string() }))
            .max(1000)
            .optional()
            .describe(
              'The commits the version brings, for lead time: the changes output of flightdeck:release:create',
            ),
      },
      output: {
        deploymentId: z =>
          z.string().describe('The deployment, for flightdeck:release:wait'),
        provider: z =>
          z.string().describe('The CD system: github-actions or webhook'),
        url: z =>
          z
            .string()
            .optional()
            .describe('Where the provider shows the run, when it says'),
      },
    },
    async handler(ctx) {
      const { entityRef, environment, version } = ctx.input;
      const reason = ctx.input.reason?.trim() || `Release ${version}`;
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would deploy ${version} of ${entityRef} to ${environment}`,
        );
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      // The checkpoint spares a retried task the call; the request id makes
      // the deployments plugin answer a repeated call with the same deployment.
      const answer = await ctx.checkpoint({
        key: `release.deploy.${entityRef}.${environment}.${version}`,
        fn: async () => {
          const { deployment, provider, url } = await deployments.deploy(
            {
              entityRef,
              environment,
              version,
              reason,
              ...(ctx.input.commitSha && { commitSha: ctx.input.commitSha }),
              changes: ctx.input.changes ?? [],
              requestId: `scaffolder-${ctx.task.id}-${environment}`,
            },
            { onBehalfOf: credentials },
          );
          return { deploymentId: deployment.id, provider, url: url ?? null };
        },
      });
      ctx.logger.info(
        `Deploying ${version} of ${entityRef} to ${environment} through ${
          answer.provider
        }${answer.url ? `: ${answer.url}` : ''}`,
      );
      ctx.output('deploymentId', answer.deploymentId);
      ctx.output('provider', answer.provider);
      if (answer.url) ctx.output('url', answer.url);
    },
  });
}
