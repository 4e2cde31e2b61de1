import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** One release step with the input given, as YAML lines. */
const releaseStep = (input: string) => `steps:
  - id: release
    name: Release
    action: flightdeck:release:create
    input:
${input}`;

/** Examples of `flightdeck:release:create`, shown under Installed actions. */
export const examples: TemplateExample[] = [
  {
    description:
      'Release a repository of the local git host with the version the commits call for',
    example: releaseStep('      repository: payments-ledger\n'),
  },
  {
    description: 'Release a GitHub repository chosen with RepoUrlPicker',
    example: releaseStep(
      '      repoUrl: github.com?owner=skyhop&repo=payments-ledger\n',
    ),
  },
  {
    description:
      'Release the repository of a catalog entity, on GitHub or the local git host',
    example: releaseStep('      entityRef: ${{ parameters.component }}\n'),
  },
  {
    description: 'Force a major release',
    example: releaseStep(
      '      entityRef: component:default/payments-ledger\n      bump: major\n',
    ),
  },
];
