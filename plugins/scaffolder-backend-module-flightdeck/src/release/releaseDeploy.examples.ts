import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples of `flightdeck:release:deploy`, shown under Installed actions. */
export const examples: TemplateExample[] = [
  {
    description: 'Deploy what the release step tagged',
    example: `steps:
  - id: deploy
    name: Deploy
    action: flightdeck:release:deploy
    input:
      entityRef: \${{ parameters.service }}
      environment: staging
      version: \${{ steps.release.output.tag }}
      commitSha: \${{ steps.release.output.commitHash }}
      changes: \${{ steps.release.output.changes }}
`,
  },
];
