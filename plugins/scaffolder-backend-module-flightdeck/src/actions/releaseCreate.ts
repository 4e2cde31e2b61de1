import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit } from '../git/runGit';
import { defaultAuthorOf } from '../git/defaultAuthor';
import { LocalGitHost } from '../localGitHost';
import { planRelease } from '../release/planRelease';

const BUMPS = ['auto', 'major', 'minor', 'patch'] as const;

/**
 * `flightdeck:release:create`: releases a repository of the local git host:
 * the next version from its Conventional Commits, a CHANGELOG section, a
 * release commit and an annotated tag, pushed together.
 */
export function createReleaseCreateAction(options: { config: Config }) {
  const { config } = options;
  const author = defaultAuthorOf(config);

  return createTemplateAction({
    id: 'flightdeck:release:create',
    description:
      'Releases a repository of the local git host: computes the next semver version from the Conventional Commits since the last tag (or the bump given), writes the CHANGELOG section, and pushes a release commit with an annotated tag',
    supportsDryRun: true,
    examples: [
      {
        description: 'Release with the version the commits call for',
        example: `steps:
  - id: release
    name: Release
    action: flightdeck:release:create
    input:
      repository: payments-ledger
`,
      },
      {
        description: 'Force a major release',
        example: `steps:
  - id: release
    name: Release
    action: flightdeck:release:create
    input:
      repository: payments-ledger
      bump: major
`,
      },
    ],
    schema: {
      input: {
        repository: z =>
          z.string().describe('Name of the repository on the local git host'),
        bump: z =>
          z
            .enum(BUMPS)
            .optional()
            .describe(
              'auto (default): from the commits; or major, minor, patch whatever the commits',
            ),
      },
      output: {
        version: z => z.string().describe('The version released'),
        tag: z => z.string().describe('Its tag, v<version>'),
        previousVersion: z =>
          z.string().optional().describe('The version before, if any'),
        changelog: z =>
          z.string().describe('The CHANGELOG section of the release, Markdown'),
        commitHash: z => z.string().describe('The release commit'),
      },
    },
    async handler(ctx) {
      const host = LocalGitHost.requiredFromConfig(config);
      const name = ctx.input.repository;
      const barePath = host.repositoryPath(name);
      if (!(await host.exists(name))) {
        throw new InputError(`No repository '${name}' on the local git host`);
      }
      const bump = ctx.input.bump ?? 'auto';
      const { signal } = ctx;

      const clone = join(await ctx.createTemporaryDirectory(), 'repository');
      await runGit(['clone', '--quiet', '--', barePath, clone], {
        cwd: host.directory,
        signal,
      });
      const plan = await planRelease(clone, { bump, date: new Date(), signal });
      ctx.logger.info(
        `${plan.tag}: ${plan.commits} commits since ${
          plan.previousVersion ?? 'the start'
        }\n${plan.section}`,
      );

      const outputAll = (commitHash: string) => {
        ctx.output('version', plan.version);
        ctx.output('tag', plan.tag);
        if (plan.previousVersion) {
          ctx.output('previousVersion', plan.previousVersion);
        }
        ctx.output('changelog', plan.section);
        ctx.output('commitHash', commitHash);
      };
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would push ${plan.tag}; nothing was written`);
        outputAll('0'.repeat(40));
        return;
      }

      // A retried task gets its release back instead of releasing again.
      const { commitHash } = await ctx.checkpoint({
        key: `release.local.${name}.${plan.tag}`,
        fn: async () => {
          const git = (...args: string[]) =>
            runGit(args, {
              cwd: clone,
              signal,
              env: {
                GIT_AUTHOR_NAME: author.name,
                GIT_AUTHOR_EMAIL: author.email,
                GIT_COMMITTER_NAME: author.name,
                GIT_COMMITTER_EMAIL: author.email,
              },
            });
          await writeFile(join(clone, 'CHANGELOG.md'), plan.changelog);
          await git('add', 'CHANGELOG.md');
          await git('commit', '--quiet', '-m', `chore(release): ${plan.tag}`);
          await git(
            'tag',
            '--annotate',
            plan.tag,
            '-m',
            `${plan.tag}\n\n${plan.section}`,
          );
          const branch = (
            await git('rev-parse', '--abbrev-ref', 'HEAD')
          ).trim();
          // Both or neither: a tag without its commit, or the reverse, would
          // leave a history the next release cannot read.
          await git(
            'push',
            '--quiet',
            '--atomic',
            'origin',
            `HEAD:refs/heads/${branch}`,
            `refs/tags/${plan.tag}`,
          );
          return { commitHash: (await git('rev-parse', 'HEAD')).trim() };
        },
      });
      ctx.logger.info(`Released ${plan.tag} (${commitHash})`);
      outputAll(commitHash);
    },
  });
}
