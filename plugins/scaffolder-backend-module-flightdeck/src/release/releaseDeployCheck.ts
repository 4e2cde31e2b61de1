import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DeploymentsService } from '@flightdeck/plugin-deployments-node';
import { examples } from './releaseDeployCheck.examples';

/**
 * `flightdeck:release:deploy-check`: fails early, before a release tags
 * anything, when its deploy could not happen: the user may not deploy the
 * service, or the service has no provider.
 */
export function createReleaseDeployCheckAction(options: {
  deployments: DeploymentsService;
}) {
  const { deployments } = options;

  return createTemplateAction({
    id: 'flightdeck:release:deploy-check',
    description:
      'Checks, without deploying, that flightdeck:release:deploy will be able to deploy the service: the user running the template may deploy it, and it has a deploy provider. Run it before flightdeck:release:create, so that a release is not tagged when it cannot be deployed',
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        entityRef: z =>
          z.string().min(1).describe('The service, as an entity ref'),
      },
      output: {
        provider: z =>
          z.string().describe('The CD system: github-actions or webhook'),
      },
    },
    async handler(ctx) {
      const { entityRef } = ctx.input;
      const support = await deployments.getDeploySupport(entityRef, {
        onBehalfOf: await ctx.getInitiatorCredentials(),
      });
      if (!support.allowed) {
        throw new NotAllowedError(
          `Only the owners of ${entityRef} and admins may deploy it`,
        );
      }
      if (!support.provider) {
        throw new InputError(
          `${entityRef} cannot be deployed from Flightdeck yet: ${support.missing}. Release it without deploying, or configure its provider first`,
        );
      }
      ctx.logger.info(`${entityRef} deploys through ${support.provider}`);
      ctx.output('provider', support.provider);
    },
  });
}
