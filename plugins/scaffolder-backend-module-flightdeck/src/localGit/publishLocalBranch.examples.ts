import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples of `flightdeck:publish:local:branch`, shown under Installed actions. */
export const examples: TemplateExample[] = [
  {
    description: 'Propose updated files on a branch',
    example: `steps:
  - id: branch
    name: Open a branch
    action: flightdeck:publish:local:branch
    input:
      repository: payments-ledger
      branchName: flightdeck/shared-configs
      sourcePath: ./update
      commitMessage: 'chore: update the shared configs to 1.1.0'
`,
  },
  {
    description:
      'Find the repository from a catalog entity, and write into a folder of it',
    example: `steps:
  - id: branch
    name: Open a branch
    action: flightdeck:publish:local:branch
    input:
      entityRef: \${{ parameters.service }}
      branchName: docs/runbook
      sourcePath: ./docs
      targetPath: docs
      commitMessage: 'docs: add the runbook'
`,
  },
];
