import { assertError, ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit } from '../git/runGit';
import { given } from '../templateParameters';
import { LocalGitHost } from './LocalGitHost';
import { validateBranchName } from './names';
import { examples } from './publishLocal.examples';
import { cloneCommand } from './shellCommands';
import { resolveSourceFolder } from './sourceFolder';

const DRY_RUN_COMMIT_HASH = '0'.repeat(40);

/**
 * `flightdeck:publish:local`: publishes the workspace as a new bare
 * repository on the local git host.
 */
export function createPublishLocalAction(options: {
  /** Undefined when the host is not configured: the action then says so. */
  localGitHost?: LocalGitHost;
  /** Who commits when the input names no author. */
  author: { name: string; email: string };
}) {
  const { localGitHost, author: defaultAuthor } = options;

  return createTemplateAction({
    id: 'flightdeck:publish:local',
    description:
      "Publishes the workspace (or a folder of it) as a new repository on Flightdeck's local git host: a bare git repository in flightdeck.localGitHost.directory that anyone on the machine can git clone",
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Name of the new repository: lower-case letters, digits, ".", "_" and "-", up to 100 characters, without ".git"',
            ),
        description: z =>
          z
            .string()
            .optional()
            .describe("Written to the repository's description file"),
        defaultBranch: z =>
          z
            .string()
            .optional()
            .describe('Branch to publish to (default: main)'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to publish, relative to it (default: the workspace itself)',
            ),
        gitCommitMessage: z =>
          z
            .string()
            .optional()
            .describe('Message of the commit (default: Initial commit)'),
        gitAuthorName: z =>
          z
            .string()
            .optional()
            .describe(
              "Author of the commit (default: the scaffolder's defaultAuthor.name, else Flightdeck)",
            ),
        gitAuthorEmail: z =>
          z
            .string()
            .optional()
            .describe(
              "Author's email (default: the scaffolder's defaultAuthor.email, else flightdeck@localhost)",
            ),
      },
      output: {
        remoteUrl: z =>
          z
            .string()
            .describe(
              'Absolute path of the bare repository, as git clone takes it',
            ),
        cloneCommand: z =>
          z.string().describe('A shell command that clones the repository'),
        commitHash: z =>
          z.string().describe('The commit the default branch points to'),
        defaultBranch: z => z.string().describe('The branch published to'),
        repoContentsUrl: z =>
          z
            .string()
            .describe(
              "URL of the repository's files on the default branch, which the portal reads",
            ),
        catalogInfoUrl: z =>
          z
            .string()
            .describe(
              'URL of catalog-info.yaml in the repository, for catalog:register',
            ),
      },
    },
    async handler(ctx) {
      const host = LocalGitHost.required(localGitHost);
      const { name } = ctx.input;
      const barePath = host.repositoryPath(name);
      const branch = given(ctx.input.defaultBranch) ?? 'main';
      validateBranchName(branch);
      const sourcePath = given(ctx.input.sourcePath);
      const description = given(ctx.input.description);
      const message = given(ctx.input.gitCommitMessage) ?? 'Initial commit';
      const authorName = given(ctx.input.gitAuthorName) ?? defaultAuthor.name;
      const authorEmail =
        given(ctx.input.gitAuthorEmail) ?? defaultAuthor.email;

      const outputAll = (commitHash: string) => {
        ctx.output('remoteUrl', barePath);
        ctx.output('cloneCommand', cloneCommand(barePath));
        ctx.output('commitHash', commitHash);
        ctx.output('defaultBranch', branch);
        ctx.output('repoContentsUrl', host.urlOf(name, branch));
        ctx.output(
          'catalogInfoUrl',
          host.urlOf(name, branch, 'catalog-info.yaml'),
        );
      };

      if (ctx.isDryRun) {
        await resolveSourceFolder(ctx.workspacePath, sourcePath);
        if (await host.exists(name)) throw alreadyExists(name);
        ctx.logger.info(
          `Dry run: would publish ${
            sourcePath ?? 'the workspace'
          } to ${barePath} (branch ${branch}); nothing was written`,
        );
        outputAll(DRY_RUN_COMMIT_HASH);
        return;
      }

      // One checkpoint for every side effect: a retried task gets the stored
      // hash back instead of finding its own repository "already existing"
      // (or its workspace gone).
      const { commitHash } = await ctx.checkpoint({
        key: `publish.local.${name}`,
        fn: async () => {
          ctx.signal?.throwIfAborted();
          if (await host.exists(name)) throw alreadyExists(name);
          const source = await resolveSourceFolder(
            ctx.workspacePath,
            sourcePath,
          );
          const gitDir = await ctx.createTemporaryDirectory();

          await mkdir(host.directory, { recursive: true });
          // Claims the name atomically: of two tasks racing for it, one gets
          // EEXIST here, and never removes the other's repository.
          try {
            await mkdir(barePath);
          } catch (error) {
            assertError(error);
            if (error.code === 'EEXIST') throw alreadyExists(name);
            throw error;
          }
          try {
            return {
              commitHash: await publish({
                barePath,
                source,
                gitDir,
                branch,
                description,
                message,
                author: { name: authorName, email: authorEmail },
                signal: ctx.signal,
              }),
            };
          } catch (error) {
            await rm(barePath, { recursive: true, force: true });
            throw error;
          }
        },
      });

      ctx.logger.info(
        `Published ${commitHash} to ${barePath} (branch ${branch})`,
      );
      outputAll(commitHash);
    },
  });
}

function alreadyExists(name: string) {
  return new ConflictError(
    `Repository '${name}' already exists on the local git host`,
  );
}

/**
 * Initialises the bare repository and pushes the folder to it as one commit;
 * returns the commit's hash. The commit is made in a repository of its own
 * (`gitDir`), so that the workspace stays as it is and a `.git` folder in it,
 * with its hooks, config or history, plays no part.
 */
async function publish(options: {
  barePath: string;
  source: string;
  gitDir: string;
  branch: string;
  description?: string;
  message: string;
  author: { name: string; email: string };
  signal?: AbortSignal;
}): Promise<string> {
  const { barePath, source, branch, signal } = options;

  await runGit(
    ['init', '--quiet', '--bare', `--initial-branch=${branch}`, barePath],
    { cwd: barePath, signal },
  );
  if (options.description) {
    await writeFile(join(barePath, 'description'), `${options.description}\n`);
  }

  const inSource = {
    cwd: source,
    signal,
    env: {
      GIT_DIR: options.gitDir,
      GIT_WORK_TREE: source,
      GIT_AUTHOR_NAME: options.author.name,
      GIT_AUTHOR_EMAIL: options.author.email,
      GIT_COMMITTER_NAME: options.author.name,
      GIT_COMMITTER_EMAIL: options.author.email,
    },
  };
  await runGit(['init', '--quiet', `--initial-branch=${branch}`], inSource);
  await runGit(['add', '--all'], inSource);
  // --allow-empty: an empty folder still gets its branch.
  await runGit(
    [
      'commit',
      '--quiet',
      '--allow-empty',
      '--no-verify',
      '-m',
      options.message,
    ],
    inSource,
  );
  await runGit(
    ['push', '--quiet', barePath, `HEAD:refs/heads/${branch}`],
    inSource,
  );
  const hash = await runGit(
    ['rev-parse', '--verify', `refs/heads/${branch}^{commit}`],
    { cwd: barePath, signal },
  );
  return hash.trim();
}
