import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** One publish step with the input given, as YAML lines. */
const publishStep = (input: string) => `steps:
  - id: publish
    name: Publish to the local git host
    action: flightdeck:publish:local
    input:
      name: payments-ledger
${input}`;

/** Examples of `flightdeck:publish:local`, shown under Installed actions. */
export const examples: TemplateExample[] = [
  {
    description: 'Publish the workspace as a new repository',
    example: publishStep(
      '      description: Keeps the ledger of every payment\n',
    ),
  },
  {
    description:
      'Publish one folder of the workspace, on a named branch, with a given author',
    example: publishStep(`      sourcePath: ./service
      defaultBranch: trunk
      gitCommitMessage: Scaffold payments-ledger
      gitAuthorName: Platform Engineering
      gitAuthorEmail: platform@example.com
`),
  },
];
