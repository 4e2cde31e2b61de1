import {
  BackstageCredentials,
  PermissionsService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { RepositoryTrust } from '@flightdeck/ingest-node';
import { cp, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { sourceRepositoryOf } from '../catalog/sourceRepository';
import { runGit } from '../git/runGit';
import { parseConventionalCommit } from '../release/conventionalCommit';
import { given } from '../templateParameters';
import { authorizeBranchPush } from './authorizeBranchPush';
import { LocalGitHost } from './LocalGitHost';
import { validateBranchName } from './names';
import { examples } from './publishLocalBranch.examples';
import { compareCommand } from './shellCommands';
import { resolveSourceFolder } from './sourceFolder';

const DRY_RUN_COMMIT_HASH = '0'.repeat(40);

/** What the branch would hold, staged in a temporary repository. */
interface StagedBranch {
  defaultBranch: string;
  /** The commit of the default branch the branch starts from. */
  base: string;
  tree: string;
  changedFiles: string[];
  git: (...args: string[]) => Promise<string>;
}

/**
 * `flightdeck:publish:local:branch`: lays a folder of the workspace over the
 * default branch of a repository on the local git host, and pushes the
 * result as a new branch, for someone to review and merge. Only for admins
 * and the owners of a service whose code the repository holds (see
 * authorizeBranchPush), dry runs included.
 */
export function createPublishLocalBranchAction(options: {
  /** Undefined when the host is not configured: the action then says so. */
  localGitHost?: LocalGitHost;
  /** Who commits the branch. */
  author: { name: string; email: string };
  catalog: CatalogService;
  permissions: PermissionsService;
  /** Which entities' claims on a repository count for its owners. */
  trust: RepositoryTrust;
}) {
  const { localGitHost, author, catalog, permissions, trust } = options;

  return createTemplateAction({
    id: 'flightdeck:publish:local:branch',
    description:
      "Pushes a new branch to a repository of Flightdeck's local git host: the repository's default branch with a folder of the workspace laid over it (files are added or changed, never deleted), as one commit. Only admins and the owners of a service whose code the repository holds may",
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        branchName: z =>
          z.string().describe('The branch to create; it must not exist yet'),
        sourcePath: z =>
          z
            .string()
            .describe(
              'Folder of the workspace whose files are laid over the default branch, relative to the workspace',
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the repository to write the files into (default: its root)',
            ),
        commitMessage: z =>
          z
            .string()
            .describe(
              'Message of the commit, a Conventional Commit such as "chore: update the shared configs"',
            ),
        repository: z =>
          z
            .string()
            .optional()
            .describe(
              'Name of the repository on the local git host (or give entityRef)',
            ),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'A catalog entity whose code lives on the local git host (or give repository)',
            ),
      },
      output: {
        branchName: z => z.string().describe('The branch created'),
        defaultBranch: z =>
          z.string().describe('The branch it starts from and compares with'),
        commitHash: z => z.string().describe('The commit the branch points to'),
        changedFiles: z =>
          z
            .array(z.string())
            .describe('The files the branch adds or changes, relative paths'),
        remoteUrl: z =>
          z
            .string()
            .describe(
              'Absolute path of the bare repository, as git clone takes it',
            ),
        compareCommand: z =>
          z
            .string()
            .describe(
              'A shell command that clones the repository and shows what the branch changes',
            ),
        branchContentsUrl: z =>
          z
            .string()
            .describe(
              "URL of the branch's files, which the portal reads (fetch:plain, catalog:register)",
            ),
      },
    },
    async handler(ctx) {
      const host = LocalGitHost.required(localGitHost);
      const { branchName: branch, commitMessage: message } = ctx.input;
      if (!parseConventionalCommit(message)) {
        throw new InputError(
          `commitMessage must be a Conventional Commit, "type(scope): description", not '${message}'`,
        );
      }
      const name = await repositoryNameOf(ctx.input, host, catalog, () =>
        ctx.getInitiatorCredentials(),
      );
      const barePath = host.repositoryPath(name);
      await authorizeBranchPush(name, {
        catalog,
        permissions,
        trust,
        localGitHost: host,
        credentials: await ctx.getInitiatorCredentials(),
      });
      if (!(await host.exists(name))) {
        throw new NotFoundError(
          `No repository '${name}' on the local git host`,
        );
      }
      validateBranchName(branch);
      const scratch = await ctx.createTemporaryDirectory();
      const source = await resolveSourceFolder(
        ctx.workspacePath,
        ctx.input.sourcePath,
      );
      const targetPath = targetPathOf(given(ctx.input.targetPath));

      const branchConflict = () =>
        new ConflictError(
          `Branch '${branch}' already exists in repository '${name}' on the local git host`,
        );

      const stage = async (): Promise<StagedBranch> => {
        if (await host.hasBranch(name, branch, { signal: ctx.signal })) {
          throw branchConflict();
        }
        const staged = await stageBranch({
          barePath,
          source,
          targetPath,
          scratch,
          signal: ctx.signal,
          author,
        });
        if (staged.changedFiles.length === 0) {
          throw new InputError(
            `Nothing to change: ${staged.defaultBranch} of '${name}' already has every file of ${ctx.input.sourcePath}, so no branch was created`,
          );
        }
        return staged;
      };

      const outputAll = (result: {
        commitHash: string;
        defaultBranch: string;
        changedFiles: string[];
      }) => {
        ctx.output('branchName', branch);
        ctx.output('defaultBranch', result.defaultBranch);
        ctx.output('commitHash', result.commitHash);
        ctx.output('changedFiles', result.changedFiles);
        ctx.output('remoteUrl', barePath);
        ctx.output(
          'compareCommand',
          compareCommand({
            barePath,
            name,
            base: result.defaultBranch,
            branch,
          }),
        );
        ctx.output('branchContentsUrl', host.urlOf(name, branch));
      };

      if (ctx.isDryRun) {
        const { defaultBranch, changedFiles } = await stage();
        ctx.logger.info(
          `Dry run: would push branch ${branch} to ${barePath}, changing ${changedFiles.join(
            ', ',
          )}; nothing was written`,
        );
        outputAll({
          commitHash: DRY_RUN_COMMIT_HASH,
          defaultBranch,
          changedFiles,
        });
        return;
      }

      // Staging, committing and pushing together: a retried task gets its
      // branch back instead of finding it "already existing".
      const result = await ctx.checkpoint({
        key: `publish.local.branch.${name}.${branch}`,
        fn: async () => {
          const staged = await stage();
          const commitHash = (
            await staged.git(
              'commit-tree',
              staged.tree,
              '-p',
              staged.base,
              '-m',
              message,
            )
          ).trim();
          try {
            // The empty lease: the push creates the branch, and fails rather
            // than move one that another task pushed meanwhile.
            await staged.git(
              'push',
              '--quiet',
              `--force-with-lease=refs/heads/${branch}:`,
              barePath,
              `${commitHash}:refs/heads/${branch}`,
            );
          } catch (error) {
            if (await host.hasBranch(name, branch)) throw branchConflict();
            throw error;
          }
          return {
            commitHash,
            defaultBranch: staged.defaultBranch,
            changedFiles: staged.changedFiles,
          };
        },
      });
      ctx.logger.info(
        `Pushed ${branch} (${
          result.commitHash
        }) to ${barePath}: ${result.changedFiles.join(', ')}`,
      );
      outputAll(result);
    },
  });
}

/** The repository named by the input, directly or through a catalog entity. */
async function repositoryNameOf(
  input: { repository?: string; entityRef?: string },
  host: LocalGitHost,
  catalog: CatalogService,
  credentials: () => Promise<BackstageCredentials>,
): Promise<string> {
  const repository = given(input.repository);
  const entityRef = given(input.entityRef);
  if (repository && entityRef) {
    throw new InputError('Give either repository or entityRef, not both');
  }
  if (repository) return repository;
  if (!entityRef) {
    throw new InputError(
      'Give repository (a name on the local git host) or entityRef (a catalog entity)',
    );
  }
  const entity = await catalog.getEntityByRef(
    parseEntityRef(entityRef, {
      defaultKind: 'Component',
      defaultNamespace: 'default',
    }),
    { credentials: await credentials() },
  );
  if (!entity) {
    throw new NotFoundError(`No entity ${entityRef} in the catalog`);
  }
  const source = sourceRepositoryOf(entity, { localGitHost: host });
  if (source.host !== 'local') {
    throw new InputError(
      `${entityRef} lives on GitHub (${source.owner}/${source.repo}), not on the local git host: open a pull request with publish:github:pull-request`,
    );
  }
  return source.name;
}

/** A folder inside the repository, never its `.git`. */
function targetPathOf(targetPath = '.') {
  const root = '/repository';
  let resolved: string;
  try {
    resolved = resolveSafeChildPath(root, targetPath);
  } catch {
    throw new InputError(
      `targetPath '${targetPath}' points outside the repository`,
    );
  }
  const relative = resolved.slice(root.length + 1) || '.';
  if (relative.split('/').includes('.git')) {
    throw new InputError(`targetPath '${targetPath}' may not be inside .git`);
  }
  return relative;
}

/**
 * Stages the default branch with the source folder laid over it, in a bare
 * clone with its own index and a fresh work tree that holds only the
 * source's files: nothing of the repository is checked out, so a symlink it
 * carries cannot lead a write outside the scratch folder, and files the
 * source lacks stay as they are.
 */
async function stageBranch(options: {
  barePath: string;
  source: string;
  targetPath: string;
  scratch: string;
  signal?: AbortSignal;
  author: { name: string; email: string };
}): Promise<StagedBranch> {
  const { barePath, scratch, targetPath, signal, author } = options;
  const gitDir = join(scratch, 'repository.git');
  const workTree = join(scratch, 'files');
  await runGit(
    [
      'clone',
      '--quiet',
      '--bare',
      '--single-branch',
      '--no-tags',
      '--',
      barePath,
      gitDir,
    ],
    { cwd: scratch, signal },
  );
  await mkdir(workTree, { recursive: true });
  const git = (...args: string[]) =>
    runGit(args, {
      cwd: workTree,
      signal,
      env: {
        GIT_DIR: gitDir,
        GIT_WORK_TREE: workTree,
        GIT_INDEX_FILE: join(scratch, 'index'),
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
      },
    });

  const defaultBranch = (await git('symbolic-ref', '--short', 'HEAD')).trim();
  const base = await git('rev-parse', '--verify', '--quiet', 'HEAD^{commit}')
    .then(hash => hash.trim())
    .catch(error => {
      throw new InputError(
        `${barePath} has no commit on ${defaultBranch} to branch from`,
        error,
      );
    });
  await cp(options.source, join(workTree, targetPath), {
    recursive: true,
    verbatimSymlinks: true,
    // A .git of the source would be taken for a submodule.
    filter: path => basename(path) !== '.git',
  });
  await git('read-tree', base);
  await git('add', '--ignore-removal', '--', targetPath);
  const tree = (await git('write-tree')).trim();
  const changedFiles = (
    await git('diff', '--cached', '--name-only', '--no-renames', base)
  )
    .split('\n')
    .filter(Boolean);
  return { defaultBranch, base, tree, changedFiles, git };
}
