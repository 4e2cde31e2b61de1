import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples of `flightdeck:release:deploy-check`, shown under Installed actions. */
export const examples: TemplateExample[] = [
  {
    description: 'Check before tagging',
    example: `steps:
  - id: deploy-check
    name: Check that it can be deployed
    action: flightdeck:release:deploy-check
    input:
      entityRef: \${{ parameters.service }}
`,
  },
];
