import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples of `flightdeck:catalog:source-repository`, shown under Installed actions. */
export const examples: TemplateExample[] = [
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
];
