import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples of `flightdeck:shared-configs:apply`, shown under Installed actions. */
export const examples: TemplateExample[] = [
  {
    description: 'Give a new service the shared configs',
    example: `steps:
  - id: shared-configs
    name: Shared configs
    action: flightdeck:shared-configs:apply
`,
  },
  {
    description: 'Write them into a sub-folder of the workspace',
    example: `steps:
  - id: shared-configs
    name: Shared configs
    action: flightdeck:shared-configs:apply
    input:
      targetPath: ./service
`,
  },
];
