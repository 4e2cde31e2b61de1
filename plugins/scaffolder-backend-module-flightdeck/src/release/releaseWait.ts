import { ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Deployment,
  FINISHED_STATUSES,
} from '@flightdeck/plugin-deployments-common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeploymentsService } from '@flightdeck/plugin-deployments-node';
import { examples } from './releaseWait.examples';

const MAX_TRANSIENT_FAILURES = 3;

/** Errors worth another look: the server's (5xx) and the network's. */
function isTransient(error: unknown): boolean {
  if (ResponseError.is(error)) return error.statusCode >= 500;
  return error instanceof TypeError; // fetch failed: refused, reset, DNS
}

const CONCLUSIONS = [
  'succeeded',
  'failed',
  'cancelled',
  'rolled_back',
  'removed',
  'timed_out',
] as const;

/**
 * `flightdeck:release:wait`: follows a deployment until the CD system
 * reports it finished, or the time is up, and outputs how it ended.
 */
export function createReleaseWaitAction(options: {
  deployments: DeploymentsService;
  /** Tests shorten the wait between looks. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<unknown>;
}) {
  const { deployments } = options;
  const pause =
    options.sleep ??
    ((ms: number, signal?: AbortSignal) => sleep(ms, undefined, { signal }));

  return createTemplateAction({
    id: 'flightdeck:release:wait',
    description:
      'Waits until a deployment started by flightdeck:release:deploy finishes, as its CD system reports it, or until the timeout, and outputs its conclusion: succeeded, failed, cancelled, rolled_back, removed or timed_out. It looks after 2, 4 and 8 seconds, then every pollSeconds',
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        deploymentId: z =>
          z.string().min(1).describe('From flightdeck:release:deploy'),
        timeoutMinutes: z =>
          z
            .number()
            .min(1)
            .max(360)
            .optional()
            .describe('How long to wait, 1 to 360 minutes (default 30)'),
        pollSeconds: z =>
          z
            .number()
            .min(1)
            .max(300)
            .optional()
            .describe(
              'How often to look once the first quick looks found it running, 1 to 300 seconds (default 10)',
            ),
        failOnFailure: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Fail the step unless the deployment succeeded (default false: only output the conclusion)',
            ),
      },
      output: {
        conclusion: z =>
          z
            .enum(CONCLUSIONS)
            .describe('How the deployment ended, or timed_out'),
        status: z =>
          z.string().describe('The deployment status when the wait ended'),
        durationSeconds: z =>
          z.number().optional().describe('How long it took, when finished'),
        url: z =>
          z
            .string()
            .optional()
            .describe('The run, as the CD system reported it'),
      },
    },
    async handler(ctx) {
      const { deploymentId } = ctx.input;
      const timeoutMs = (ctx.input.timeoutMinutes ?? 30) * 60_000;
      const pollMs = (ctx.input.pollSeconds ?? 10) * 1000;
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would wait for deployment ${deploymentId}`);
        return;
      }
      const deadline = Date.now() + timeoutMs;
      let failures = 0;
      let deployment: Deployment | undefined;
      let lastStatus: string | undefined;
      let looks = 0;
      for (;;) {
        try {
          deployment = await deployments.getDeployment(deploymentId, {
            signal: ctx.signal,
          });
          failures = 0;
        } catch (error) {
          // A restarting portal or a network blip is not the deployment's end.
          if (!isTransient(error) || ++failures > MAX_TRANSIENT_FAILURES) {
            throw error;
          }
          ctx.logger.warn(
            `Could not read the deployment, trying again: ${error}`,
          );
          await pause(Math.min(pollMs, 5000), ctx.signal);
          continue;
        }
        if (deployment.status !== lastStatus) {
          ctx.logger.info(
            `${deployment.version} in ${deployment.environment}: ${deployment.status}`,
          );
          lastStatus = deployment.status;
        }
        if (FINISHED_STATUSES.includes(deployment.status)) break;
        const left = deadline - Date.now();
        if (left <= 0) break;
        // Quick deployments are seen quickly: 2 s, 4 s, 8 s ... up to pollMs.
        await pause(Math.min(2000 * 2 ** looks++, pollMs, left), ctx.signal);
      }

      if (!deployment)
        throw new Error(`Deployment ${deploymentId} never answered`);
      const finished = FINISHED_STATUSES.includes(deployment.status);
      const conclusion = finished ? deployment.status : 'timed_out';
      ctx.output('conclusion', conclusion);
      ctx.output('status', deployment.status);
      if (deployment.durationSeconds !== undefined) {
        ctx.output('durationSeconds', deployment.durationSeconds);
      }
      if (deployment.url) ctx.output('url', deployment.url);
      if (ctx.input.failOnFailure && conclusion !== 'succeeded') {
        throw new Error(
          finished
            ? `The deployment of ${deployment.version} to ${
                deployment.environment
              } ${deployment.status.replace('_', ' ')}`
            : `The deployment of ${deployment.version} to ${
                deployment.environment
              } had not finished after ${
                ctx.input.timeoutMinutes ?? 30
              } minutes`,
        );
      }
      ctx.logger.info(`Conclusion: ${conclusion}`);
    },
  });
}
