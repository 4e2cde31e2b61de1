import { isChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { mkdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { runGit } from '../git/runGit';
import { defaultAuthorOf } from '../git/defaultAuthor';
import { LocalGitHost } from '../localGitHost';

const BRANCH_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;
const DRY_RUN_COMMIT_HASH = '0'.repeat(40);

/** Throws an InputError unless git would accept `branch` as a branch name. */
export function validateBranchName(branch: string): void {
  const refuse = (problem: string) => {
    throw new InputError(`Invalid branch name '${branch}': ${problem}`);
  };
  if (!BRANCH_PATTERN.test(branch)) {
    refuse(
      'use letters, digits, ".", "_", "-" and "/", starting with a letter or digit, up to 100 characters',
    );
  }
  if (branch.includes('..')) refuse('it may not contain ".."');
  if (branch.includes('//')) refuse('it may not contain "//"');
  if (branch.endsWith('/') || branch.endsWith('.')) {
    refuse('it may not end with "/" or "."');
  }
  for (const part of branch.split('/')) {
    if (part.startsWith('.') || part.endsWith('.lock')) {
      refuse('no part may start with "." or end with ".lock"');
    }
  }
}

/** Quotes `value` as one word for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Empty or blank template parameters count as not given. */
function given(value: string | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}

/** The folder to publish, refused unless it lies inside the workspace. */
function sourceFolderOf(workspacePath: string, sourcePath?: string): string {
  if (sourcePath === undefined) return workspacePath;
  if (isAbsolute(sourcePath)) {
    throw new InputError(
      `sourcePath must be relative to the workspace, not '${sourcePath}'`,
    );
  }
  const folder = resolve(workspacePath, sourcePath);
  if (!isChildPath(workspacePath, folder)) {
    throw new InputError(
      `sourcePath '${sourcePath}' points outside the workspace`,
    );
  }
  return folder;
}

/** Checks, on disk, that the folder exists and symlinks do not leave the workspace. */
async function checkSourceFolder(
  workspacePath: string,
  folder: string,
  sourcePath = '.',
) {
  let real: string;
  try {
    real = await realpath(folder);
  } catch {
    throw new InputError(`sourcePath '${sourcePath}' does not exist`);
  }
  if (!isChildPath(await realpath(workspacePath), real)) {
    throw new InputError(
      `sourcePath '${sourcePath}' points outside the workspace`,
    );
  }
  if (!(await stat(real)).isDirectory()) {
    throw new InputError(`sourcePath '${sourcePath}' is not a folder`);
  }
}

/**
 * `flightdeck:publish:local`: publishes the workspace as a new bare
 * repository on the local git host.
 */
export function createPublishLocalAction(options: { config: Config }) {
  const { config } = options;
  const defaultAuthor = defaultAuthorOf(config);

  return createTemplateAction({
    id: 'flightdeck:publish:local',
    description:
      "Publishes the workspace (or a folder of it) as a new repository on Flightdeck's local git host: a bare git repository in flightdeck.localGitHost.directory that anyone on the machine can git clone",
    supportsDryRun: true,
    examples: [
      {
        description: 'Publish the workspace as a new repository',
        example: `steps:
  - id: publish
    name: Publish to the local git host
    action: flightdeck:publish:local
    input:
      name: payments-ledger
      description: Keeps the ledger of every payment
`,
      },
      {
        description:
          'Publish one folder of the workspace, on a named branch, with a given author',
        example: `steps:
  - id: publish
    name: Publish to the local git host
    action: flightdeck:publish:local
    input:
      name: payments-ledger
      sourcePath: ./service
      defaultBranch: trunk
      gitCommitMessage: Scaffold payments-ledger
      gitAuthorName: Platform Engineering
      gitAuthorEmail: platform@example.com
`,
      },
    ],
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
      const host = LocalGitHost.requiredFromConfig(config);
      const { name } = ctx.input;
      const barePath = host.repositoryPath(name);
      const branch = given(ctx.input.defaultBranch) ?? 'main';
      validateBranchName(branch);
      const sourcePath = given(ctx.input.sourcePath);
      const source = sourceFolderOf(ctx.workspacePath, sourcePath);
      const description = given(ctx.input.description);
      const message = given(ctx.input.gitCommitMessage) ?? 'Initial commit';
      const authorName = given(ctx.input.gitAuthorName) ?? defaultAuthor.name;
      const authorEmail =
        given(ctx.input.gitAuthorEmail) ?? defaultAuthor.email;

      const outputAll = (commitHash: string) => {
        ctx.output('remoteUrl', barePath);
        ctx.output('cloneCommand', `git clone ${shellQuote(barePath)}`);
        ctx.output('commitHash', commitHash);
        ctx.output('defaultBranch', branch);
        ctx.output('repoContentsUrl', host.urlOf(name, branch));
        ctx.output(
          'catalogInfoUrl',
          host.urlOf(name, branch, 'catalog-info.yaml'),
        );
      };

      if (ctx.isDryRun) {
        await checkSourceFolder(ctx.workspacePath, source, sourcePath);
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
      // hash back instead of finding its own repository "already existing".
      const { commitHash } = await ctx.checkpoint({
        key: `publish.local.${name}`,
        fn: async () => {
          ctx.signal?.throwIfAborted();
          if (await host.exists(name)) throw alreadyExists(name);
          await checkSourceFolder(ctx.workspacePath, source, sourcePath);
          const gitDir = await ctx.createTemporaryDirectory();

          await mkdir(host.directory, { recursive: true });
          // Claims the name atomically: of two tasks racing for it, one gets
          // EEXIST here, and never removes the other's repository.
          try {
            await mkdir(barePath);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
              throw alreadyExists(name);
            }
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
