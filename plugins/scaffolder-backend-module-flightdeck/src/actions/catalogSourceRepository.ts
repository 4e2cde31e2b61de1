import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { sourceRepositoryOf } from '../catalog/sourceRepository';
import { runGit } from '../git/runGit';
import { LocalGitHost } from '../localGitHost';

/**
 * `flightdeck:catalog:source-repository`: tells a template where a catalog
 * entity's code lives, so that it can fetch it and pick the step that
 * proposes a change there: a branch on the local git host, or a pull
 * request on GitHub.
 */
export function createCatalogSourceRepositoryAction(options: {
  config: Config;
}) {
  const { config } = options;
  // github.com, and the GitHub Enterprise hosts of integrations.github.
  const githubHosts = ScmIntegrations.fromConfig(config)
    .github.list()
    .map(integration => integration.config.host);

  return createTemplateAction({
    id: 'flightdeck:catalog:source-repository',
    description:
      "Tells where a catalog entity's code lives, on Flightdeck's local git host or on GitHub, with the URL of its default branch's files for fetch:plain",
    supportsDryRun: true,
    examples: [
      {
        description: "Fetch a service's repository, wherever it lives",
        example: `steps:
  - id: entity
    name: Find the service
    action: catalog:fetch
    input:
      entityRef: \${{ parameters.service }}
  - id: source
    name: Find its repository
    action: flightdeck:catalog:source-repository
    input:
      entity: \${{ steps.entity.output.entity }}
  - id: fetch
    name: Fetch the repository
    action: fetch:plain
    input:
      url: \${{ steps.source.output.contentsUrl }}
      targetPath: ./repo
`,
      },
    ],
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
      const localGitHost = LocalGitHost.fromConfig(config);
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
