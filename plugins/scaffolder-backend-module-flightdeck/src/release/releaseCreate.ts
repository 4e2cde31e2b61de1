import {
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RepositoryTrust } from '@flightdeck/ingest-node';
import {
  ActionContext,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { LocalGitHost } from '../localGit/LocalGitHost';
import { authorizeRelease } from './authorizeRelease';
import { GithubReleaser } from './github/GithubReleaser';
import { LocalReleaser } from './LocalReleaser';
import { PublishedRelease, Releaser } from './Releaser';
import { examples } from './releaseCreate.examples';
import { ReleaseChange, ReleasePlan } from './releasePlan';
import { resolveReleaseTarget } from './releaseTarget';
import { RequestedBump } from './version';

const BUMPS = ['auto', 'major', 'minor', 'patch'] as const;

/** What the action outputs, and what its checkpoint keeps. */
type ReleaseOutputs = {
  repository: string;
  version: string;
  tag: string;
  previousVersion?: string;
  changelog: string;
  commitHash: string;
  releaseUrl?: string;
  changes: ReleaseChange[];
};

/**
 * `flightdeck:release:create`: releases a repository of the local git host
 * or of GitHub, named directly or through a catalog entity: the next
 * version from its Conventional Commits, a CHANGELOG section, a release
 * commit and an annotated tag, and on GitHub a release.
 */
export function createReleaseCreateAction(options: {
  integrations: ScmIntegrationRegistry;
  githubCredentialsProvider: GithubCredentialsProvider;
  /** Undefined when the local git host is not configured. */
  localGitHost?: LocalGitHost;
  /** Who commits and tags the release. */
  author: { name: string; email: string };
  catalog: CatalogService;
  permissions: PermissionsService;
  /** Which entities may have the repository they claim released. */
  trust: RepositoryTrust;
}) {
  const {
    integrations,
    githubCredentialsProvider,
    localGitHost,
    author,
    catalog,
    permissions,
    trust,
  } = options;

  return createTemplateAction({
    id: 'flightdeck:release:create',
    description:
      'Releases a repository, given as a repository of the local git host (repository), a GitHub repository (repoUrl) or a catalog entity (entityRef, whose github.com/project-slug or source location tells where its code is): computes the next semver version from the Conventional Commits since the last version tag (or the bump given), writes the CHANGELOG section in a release commit on the default branch, and tags that commit; on GitHub it also creates a release with the section as its notes',
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        repository: z =>
          z
            .string()
            .optional()
            .describe(
              'Name of the repository on the local git host; give this, repoUrl or entityRef',
            ),
        repoUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'A GitHub repository, as RepoUrlPicker gives it: github.com?owner=<owner>&repo=<repo>',
            ),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'A catalog entity (kind component and namespace default unless given), whose repository is released',
            ),
        bump: z =>
          z
            .enum(BUMPS)
            .optional()
            .describe(
              'auto (default): from the commits; or major, minor, patch whatever the commits',
            ),
      },
      output: {
        repository: z =>
          z
            .string()
            .describe(
              'The repository released: <host>/<owner>/<repo> on GitHub, its name on the local git host',
            ),
        version: z => z.string().describe('The version released'),
        tag: z => z.string().describe('Its tag, v<version>'),
        previousVersion: z =>
          z.string().optional().describe('The version before, if any'),
        changelog: z =>
          z.string().describe('The CHANGELOG section of the release, Markdown'),
        commitHash: z => z.string().describe('The release commit'),
        releaseUrl: z =>
          z
            .string()
            .optional()
            .describe('The GitHub release page; not on the local git host'),
        changes: z =>
          z
            .array(z.object({ sha: z.string(), committedAt: z.string() }))
            .describe(
              'The commits the release brings, for flightdeck:release:deploy (lead time)',
            ),
      },
    },
    async handler(ctx) {
      const target = await resolveReleaseTarget(ctx.input, {
        integrations,
        catalog,
        credentials: () => ctx.getInitiatorCredentials(),
        localGitHost,
        trust,
      });
      await authorizeRelease(ctx.input, {
        permissions,
        credentials: await ctx.getInitiatorCredentials(),
      });
      const planning = { bump: ctx.input.bump ?? 'auto', date: new Date() };
      const outputs =
        target.host === 'local'
          ? await release(
              new LocalReleaser({
                host: LocalGitHost.required(localGitHost),
                name: target.name,
                author,
                createTemporaryDirectory: () => ctx.createTemporaryDirectory(),
                signal: ctx.signal,
              }),
              ctx,
              planning,
            )
          : await release(
              await GithubReleaser.create({
                integrations,
                credentialsProvider: githubCredentialsProvider,
                repository: target,
                author,
                logger: ctx.logger,
              }),
              ctx,
              planning,
            );
      for (const [name, value] of Object.entries(outputs)) {
        if (value !== undefined) {
          ctx.output(name as keyof ReleaseOutputs, value);
        }
      }
    },
  });
}

/** Plans the release, then, unless in a dry run, publishes it. */
async function release<P extends ReleasePlan>(
  releaser: Releaser<P>,
  ctx: Pick<ActionContext<{}>, 'checkpoint' | 'isDryRun'> & {
    logger: LoggerService;
  },
  options: { bump: RequestedBump; date: Date },
): Promise<ReleaseOutputs> {
  const plan = async () => {
    const planned = await releaser.plan(options);
    ctx.logger.info(
      `${releaser.repository} ${planned.tag}: ${
        planned.commits
      } commits since ${planned.previousVersion ?? 'the start'}\n${
        planned.section
      }`,
    );
    return planned;
  };
  const outputsOf = (
    planned: ReleasePlan,
    published: PublishedRelease,
  ): ReleaseOutputs => ({
    repository: releaser.repository,
    version: planned.version,
    tag: planned.tag,
    ...(planned.previousVersion && {
      previousVersion: planned.previousVersion,
    }),
    changelog: planned.section,
    changes: planned.changes,
    ...published,
  });

  if (ctx.isDryRun) {
    const planned = await plan();
    ctx.logger.info(
      `Dry run: would release ${planned.tag}; nothing was written`,
    );
    return outputsOf(planned, { commitHash: '0'.repeat(40) });
  }
  // The plan is made under the checkpoint too: a task retried after its
  // release gets that release back, where a new plan would find nothing to
  // release (or, with a forced bump, release once more). A task retried after
  // a failure plans again, which on GitHub finishes a release that failed
  // after its tag.
  const outputs = await ctx.checkpoint({
    key: releaser.checkpointKey,
    fn: async () => {
      const planned = await plan();
      return outputsOf(planned, await releaser.publish(planned));
    },
  });
  ctx.logger.info(
    `Released ${outputs.tag} of ${outputs.repository} (${outputs.commitHash})`,
  );
  return outputs;
}
