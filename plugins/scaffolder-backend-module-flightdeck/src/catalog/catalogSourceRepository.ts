import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { runGit } from '../git/runGit';
import { LocalGitHost } from '../localGit/LocalGitHost';
import { examples } from './catalogSourceRepository.examples';
import { sourceRepositoryOf } from './sourceRepository';

/**
 * `flightdeck:catalog:source-repository`: tells a template where a catalog
 * entity's code lives, so that it can fetch it and pick the step that
 * proposes a change there: a branch on the local git host, or a pull
 * request on GitHub.
 */
export function createCatalogSourceRepositoryAction(options: {
  /** Undefined when the local git host is not configured. */
  localGitHost?: LocalGitHost;
  integrations: ScmIntegrationRegistry;
}) {
  const { localGitHost } = options;
  // github.com, and the GitHub Enterprise hosts of integrations.github.
  const githubHosts = options.integrations.github
    .list()
    .map(integration => integration.config.host);

  return createTemplateAction({
    id: 'flightdeck:catalog:source-repository',
    description:
      "Tells where a catalog entity's code lives, on Flightdeck's local git host or on GitHub, with the URL of its default branch's files for fetch:plain",
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
      const source = sourceRepositoryOf(ctx.input.entity as Entity, {
        localGitHost,
        githubHosts,
      });

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
          `${ctx.input.entity.metadata.name} names repository '${name}', which is not on the local git host`,
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
