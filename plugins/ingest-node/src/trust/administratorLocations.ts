import { Config } from '@backstage/config';
import { resolve } from 'node:path';

/**
 * The locations an administrator registered, as the catalog writes them in
 * `backstage.io/managed-by-origin-location`: every `catalog.locations`
 * entry (file targets resolved against the working directory, as the
 * catalog resolves them; globs kept as written), and the extra
 * `flightdeck.trust.locations`.
 */
export function administratorLocationsOf(config: Config): Set<string> {
  const configured = (
    config.getOptionalConfigArray('catalog.locations') ?? []
  ).map(location => {
    const type = location.getString('type');
    const target = location.getString('target');
    return `${type}:${type === 'file' ? resolve(target) : target}`;
  });
  const extra =
    config.getOptionalStringArray('flightdeck.trust.locations') ?? [];
  return new Set([...configured, ...extra]);
}
