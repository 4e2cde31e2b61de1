import { MarkdownContent } from '@backstage/core-components';

const welcome = `
Flightdeck shows everything that happens to Skyhop's services in one place:
who owns them, how they fit together, how they are deployed and how they are
doing.

- **[Catalog](/catalog)**: every service, website, library, API and database,
  with its owners and dependencies.
- **[Create](/create)**: start a new service from a template that carries the
  shared configs and CI.
- **[Docs](/docs)**: runbooks, onboarding and each service's own documentation.
- **Search** (top left) finds all of it.

New here? Start with the [onboarding guide](/docs/default/component/flightdeck).
`;

export const WelcomeCard = () => <MarkdownContent content={welcome} />;
