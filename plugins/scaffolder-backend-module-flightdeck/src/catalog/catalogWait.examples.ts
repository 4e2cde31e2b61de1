import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples of `flightdeck:catalog:wait`, shown under Installed actions. */
export const examples: TemplateExample[] = [
  {
    description:
      'Register a new service, and wait until its catalog page can be opened',
    example: `steps:
  - id: register
    name: Register in the catalog
    action: catalog:register
    input:
      catalogInfoUrl: \${{ steps.publish.output.catalogInfoUrl }}
  - id: wait
    name: Wait for the catalog
    action: flightdeck:catalog:wait
    input:
      entityRef: \${{ steps.register.output.entityRef }}
output:
  links:
    - title: Open in the catalog
      icon: catalog
      entityRef: \${{ steps.wait.output.entityRef }}
`,
  },
  {
    description:
      'Wait up to two minutes for a service in a namespace of its own',
    example: `steps:
  - id: wait
    name: Wait for the catalog
    action: flightdeck:catalog:wait
    input:
      entityRef: component:payments/payments-ledger
      timeoutSeconds: 120
`,
  },
];
