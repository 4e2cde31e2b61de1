import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples of `flightdeck:release:wait`, shown under Installed actions. */
export const examples: TemplateExample[] = [
  {
    description: 'Wait up to 20 minutes and show how it ended',
    example: `steps:
  - id: wait
    name: Wait for the deployment
    action: flightdeck:release:wait
    input:
      deploymentId: \${{ steps.deploy.output.deploymentId }}
      timeoutMinutes: 20
`,
  },
];
