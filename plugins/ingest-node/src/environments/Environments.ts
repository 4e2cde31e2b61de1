import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { Environment } from '@flightdeck/api-common';

const DEFAULT_ENVIRONMENTS: Environment[] = [
  { name: 'development', production: false },
  { name: 'staging', production: false },
  { name: 'production', production: true },
];

/**
 * The environments services are deployed to (`flightdeck.environments`), in
 * promotion order, exactly one of them production. Every feature looks names
 * up here: CD systems write "Production" where the config says
 * "production", so lookups ignore case and answer the configured name.
 *
 * @public
 */
export class Environments {
  /** Reads `flightdeck.environments`; development, staging, production unless set. */
  static fromConfig(config: Config): Environments {
    const entries = config.getOptionalConfigArray('flightdeck.environments');
    return new Environments(
      entries?.map(entry => ({
        name: entry.getString('name'),
        production: entry.getOptionalBoolean('production') ?? false,
      })) ?? DEFAULT_ENVIRONMENTS,
    );
  }

  /** In promotion order. */
  readonly all: readonly Environment[];
  readonly production: Environment;
  private readonly byLowerCaseName: Map<string, Environment>;

  constructor(environments: readonly Environment[]) {
    this.byLowerCaseName = new Map(
      environments.map(e => [e.name.toLowerCase(), e]),
    );
    if (this.byLowerCaseName.size !== environments.length) {
      throw new Error(
        'flightdeck.environments names an environment twice (names are compared ignoring case)',
      );
    }
    const production = environments.filter(e => e.production);
    if (production.length !== 1) {
      throw new Error(
        `flightdeck.environments must mark exactly one environment as production, found ${production.length}`,
      );
    }
    this.all = environments.map(e => ({ ...e }));
    this.production = { ...production[0] };
  }

  /** The names, in promotion order. */
  get names(): string[] {
    return this.all.map(e => e.name);
  }

  /** The configured environment of that name in any case, if there is one. */
  find(name: string): Environment | undefined {
    return this.byLowerCaseName.get(name.toLowerCase());
  }

  /**
   * The configured name for `name`, or an `InputError` naming `field` and the
   * environments there are: `events[1].environment: 'prod' is not a
   * configured environment (development, staging, production)`.
   */
  resolve(name: string, field = 'environment'): string {
    const found = this.find(name);
    if (!found) {
      throw new InputError(
        `${field}: '${name}' is not a configured environment (${this.names.join(
          ', ',
        )})`,
      );
    }
    return found.name;
  }
}
