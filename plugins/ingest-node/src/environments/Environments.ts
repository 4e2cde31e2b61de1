import { Config } from '@backstage/config';

/** An environment services are deployed to, in promotion order. @public */
export interface FlightdeckEnvironment {
  name: string;
  /** DORA metrics are computed for the production environment. */
  production: boolean;
}

const DEFAULT_ENVIRONMENTS: FlightdeckEnvironment[] = [
  { name: 'development', production: false },
  { name: 'staging', production: false },
  { name: 'production', production: true },
];

/**
 * Reads `flightdeck.environments`, the shared list every feature uses.
 * Exactly one environment is production. Without configuration:
 * development, staging, production.
 *
 * @public
 */
export function readEnvironments(config: Config): FlightdeckEnvironment[] {
  const entries = config.getOptionalConfigArray('flightdeck.environments');
  if (!entries) {
    return DEFAULT_ENVIRONMENTS;
  }
  const environments = entries.map(entry => ({
    name: entry.getString('name'),
    production: entry.getOptionalBoolean('production') ?? false,
  }));
  const names = new Set(environments.map(e => e.name));
  if (names.size !== environments.length) {
    throw new Error('flightdeck.environments names an environment twice');
  }
  const production = environments.filter(e => e.production);
  if (production.length !== 1) {
    throw new Error(
      `flightdeck.environments must mark exactly one environment as production, found ${production.length}`,
    );
  }
  return environments;
}
