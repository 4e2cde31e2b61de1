import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { RepositoryTrust } from '@flightdeck/ingest-node';
import { runGit } from '../git/runGit';
import { LocalGitHost } from '../localGit/LocalGitHost';
import { examples } from './catalogSourceRepository.examples';
import { sourceRepositoryOf } from './sourceRepository';

/**
 * `flightdeck:catalog:source-repository`: tells a template where a catalog
 * entity's code lives, so that it can fetch it and pick the step that
 * proposes a change there: a branch on the local git host, or a pull
 * request on GitHub. The portal reads and writes there with its own
 * credentials, so a claim RepositoryTrust does not trust is refused, as a
 * release refuses it; the entity judged is the catalog's, not the copy the
 * template passes.
 */
export function createCatalogSourceRepositoryAction(options: {
  /** Undefined when the local git host is not configured. */
  localGitHost?: LocalGitHost;
  integrations: ScmIntegrationRegistry;
  catalog: CatalogService;
  /** Which entities may act on the repository they claim. */
  trust: RepositoryTrust;
}) {
  const { localGitHost, catalog, trust } = options;
  // github.com, and the GitHub Enterprise hosts of integrations.github.
  const githubHosts = options.integrations.github
    .list()
    .map(integration => integration.config.host);

  return createTemplateAction({
    id: 'flightdeck:catalog:source-repository',
    description:
      "Tells where a catalog entity's code lives, on Flightdeck's local git host or on GitHub, with the URL of its default branch's files for fetch:plain; refuses a repository the entity may not act on (registered neither from an administrator location nor from inside that repository, nor granted in flightdeck.trust.repositories)",
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        entity: z =>
          z
            .object({
              apiVersion: z.string(),
              kind: z.string(),
              metadata: z.object({ name: z.string() }).passthrough(),
            })
            .passthrough()
            .describe('The entity, as catalog:fetch outputs it'),
      },
      output: {
        host: z =>
          z
            .enum(['local', 'github'])
            .describe('Where the code lives: local (git host) or github'),
        contentsUrl: z =>
          z
            .string()
            .describe(
              "URL of the files of the repository's default branch, for fetch:plain",
            ),
        repository: z =>
          z
            .string()
            .optional()
            .describe('On the local git host: the name of the repository'),
        defaultBranch: z =>
          z
            .string()
            .optional()
            .describe('On the local git host: its default branch'),
        repoUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'On GitHub: the repository as publish:github:pull-request takes it, github.com?owner=<owner>&repo=<repo>',
            ),
      },
    },
    async handler(ctx) {
      const ref = stringifyEntityRef(ctx.input.entity as Entity);
      const entity = await catalog.getEntityByRef(ref, {
        credentials: await ctx.getInitiatorCredentials(),
      });
      if (!entity) {
        throw new NotFoundError(`No entity ${ref} in the catalog`);
      }
      const source = sourceRepositoryOf(entity, { localGitHost, githubHosts });
      trust.assertTrusted(entity, { repository: source });

      if (source.host === 'github') {
        const { hostname, owner, repo } = source;
        ctx.logger.info(`The code lives on ${hostname}: ${owner}/${repo}`);
        ctx.output('host', 'github');
        ctx.output('repoUrl', `${hostname}?owner=${owner}&repo=${repo}`);
        // Without a branch, GitHub's reader reads the default one.
        ctx.output('contentsUrl', `https://${hostname}/${owner}/${repo}`);
        return;
      }

      // sourceRepositoryOf finds local repositories only with a host.
      const host = localGitHost!;
      const { name } = source;
      if (!(await host.exists(name))) {
        throw new NotFoundError(
          `${entity.metadata.name} names repository '${name}', which is not on the local git host`,
        );
      }
      const defaultBranch = (
        await runGit(['symbolic-ref', '--short', 'HEAD'], {
          cwd: host.repositoryPath(name),
          signal: ctx.signal,
        })
      ).trim();
      ctx.logger.info(
        `The code lives on the local git host: ${name}, branch ${defaultBranch}`,
      );
      ctx.output('host', 'local');
      ctx.output('repository', name);
      ctx.output('defaultBranch', defaultBranch);
      ctx.output('contentsUrl', host.urlOf(name, defaultBranch));
    },
  });
}
