import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/**
 * Steps that fetch a repository into `targetPath` (the workspace itself
 * when empty) and check it, with the check's input lines.
 */
const fetchAndCheck = (targetPath: string, checkInput: string) => `steps:
  - id: fetch
    name: Fetch the repository
    action: fetch:plain
    input:
      url: \${{ parameters.repoUrl }}
${targetPath ? `      targetPath: ${targetPath}\n` : ''}  - id: check
    name: Check shared configs
    action: flightdeck:shared-configs:check
${checkInput}`;

/** Examples of `flightdeck:shared-configs:check`, shown under Installed actions. */
export const examples: TemplateExample[] = [
  {
    description: 'Fetch a repository, then see whether its configs drifted',
    example: fetchAndCheck('', ''),
  },
  {
    description:
      'Check a repository fetched into a folder, and stop the template when it drifted',
    example: fetchAndCheck(
      './repo',
      `    input:
      targetPath: ./repo
      failOnDrift: true
`,
    ),
  },
];
