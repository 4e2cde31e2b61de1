import { InputError } from '@backstage/errors';
import { FlightdeckEnvironment } from '@flightdeck/ingest-node';

/**
 * CD systems name environments as free text: "Production" matches our
 * "production", an alias such as "prod" does not. `field` says where an
 * unknown name came from.
 */
export function matchEnvironment(
  name: string,
  environments: FlightdeckEnvironment[],
  field: string,
): string {
  const match = environments.find(
    e => e.name.toLowerCase() === name.toLowerCase(),
  );
  if (!match) {
    throw new InputError(
      `${field}: '${name}' is not a configured environment (${environments
        .map(e => e.name)
        .join(', ')})`,
    );
  }
  return match.name;
}
