import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { loadSharedConfigs } from '@flightdeck/shared-configs';
import { readFile } from 'node:fs/promises';
import { describeDrift, detectDrift } from './drift';
import { examples } from './sharedConfigsCheck.examples';

/**
 * `flightdeck:shared-configs:check`: tells whether a repository fetched
 * into the workspace still carries the current shared configs.
 */
export function createSharedConfigsCheckAction() {
  return createTemplateAction({
    id: 'flightdeck:shared-configs:check',
    description:
      'Reports how the repository in the workspace differs from the current shared configs: files missing, files that differ, and the version it recorded',
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace holding the repository (default: the workspace itself)',
            ),
        failOnDrift: z =>
          z
            .boolean()
            .optional()
            .describe('Fail the step when the configs drifted (default false)'),
      },
      output: {
        upToDate: z =>
          z
            .boolean()
            .describe('Whether the repository has the current configs'),
        currentVersion: z =>
          z.string().describe('The version of the shared configs now'),
        recordedVersion: z =>
          z
            .string()
            .optional()
            .describe('The version the repository recorded, if any'),
        missing: z =>
          z.array(z.string()).describe('Shared files the repository lacks'),
        changed: z =>
          z
            .array(z.string())
            .describe('Files that differ from the current version'),
        summary: z =>
          z.string().describe('The result in a few lines of Markdown'),
      },
    },
    async handler(ctx) {
      const root = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.targetPath ?? '.',
      );
      const drift = await detectDrift(await loadSharedConfigs(), path =>
        readFile(resolveSafeChildPath(root, path), 'utf8').catch(error => {
          if (error.code === 'ENOENT') return undefined;
          throw error;
        }),
      );
      const summary = describeDrift(drift);
      ctx.logger.info(summary);
      ctx.output('upToDate', drift.upToDate);
      ctx.output('currentVersion', drift.currentVersion);
      if (drift.recordedVersion) {
        ctx.output('recordedVersion', drift.recordedVersion);
      }
      ctx.output('missing', drift.missing);
      ctx.output('changed', drift.changed);
      ctx.output('summary', summary);
      if (ctx.input.failOnDrift && !drift.upToDate) {
        throw new InputError(summary);
      }
    },
  });
}
