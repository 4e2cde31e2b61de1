import { Config } from '@backstage/config';

/** Who commits for the portal: the scaffolder's `defaultAuthor`, else Flightdeck. */
export function defaultAuthorOf(config: Config): {
  name: string;
  email: string;
} {
  return {
    name:
      config.getOptionalString('scaffolder.defaultAuthor.name') ?? 'Flightdeck',
    email:
      config.getOptionalString('scaffolder.defaultAuthor.email') ??
      'flightdeck@localhost',
  };
}
