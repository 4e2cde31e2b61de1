import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  loadSharedConfigs,
  SHARED_CONFIGS_MANIFEST_PATH,
} from '@flightdeck/shared-configs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { manifestOf } from './drift';
import { examples } from './sharedConfigsApply.examples';

/**
 * `flightdeck:shared-configs:apply`: writes the organisation's shared
 * configs into the workspace and records their version.
 */
export function createSharedConfigsApplyAction() {
  return createTemplateAction({
    id: 'flightdeck:shared-configs:apply',
    description:
      "Writes Skyhop's shared TypeScript, ESLint, Prettier, commitlint and editor configs into the workspace, and records their version in .flightdeck/shared-configs.json",
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to write into, relative to it (default: the workspace itself)',
            ),
      },
      output: {
        version: z =>
          z.string().describe('The version of the shared configs written'),
        files: z =>
          z.array(z.string()).describe('The files written, relative paths'),
      },
    },
    async handler(ctx) {
      const target = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.targetPath ?? '.',
      );
      const configs = await loadSharedConfigs();
      // Writing is idempotent, and a dry run's workspace is thrown away, so
      // both write the files: the template editor then shows them.
      const written = [
        ...configs.files.map(f => ({ path: f.path, content: f.content })),
        {
          path: SHARED_CONFIGS_MANIFEST_PATH,
          content: `${JSON.stringify(manifestOf(configs), null, 2)}\n`,
        },
      ];
      for (const file of written) {
        const path = resolveSafeChildPath(target, file.path);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, file.content);
      }
      ctx.logger.info(
        `Wrote shared configs ${configs.version}: ${written
          .map(f => f.path)
          .join(', ')}`,
      );
      ctx.output('version', configs.version);
      ctx.output(
        'files',
        written.map(f => f.path),
      );
    },
  });
}
