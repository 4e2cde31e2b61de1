import type { ApiContract, EndpointSpec } from '@flightdeck/api-common';
import { OPEN_API_PATH } from '@flightdeck/api-common';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const pluginsDir = path.resolve(__dirname, '../../plugins');

interface Manifest {
  name: string;
  backstage?: { role?: string; pluginId?: string };
}

const manifests: Manifest[] = readdirSync(pluginsDir, { withFileTypes: true })
  .filter(entry => entry.isDirectory())
  .flatMap(entry => {
    try {
      return [
        JSON.parse(
          readFileSync(
            path.join(pluginsDir, entry.name, 'package.json'),
            'utf8',
          ),
        ),
      ];
    } catch {
      return [];
    }
  });

const isContract = (value: unknown): value is ApiContract =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ApiContract).pluginId === 'string' &&
  typeof (value as ApiContract).endpoints === 'object';

/**
 * Every API a Flightdeck family describes: the contracts its
 * `@flightdeck/plugin-<family>-common` package exports. A new family's
 * routes are found here without an edit.
 */
export const contracts: ApiContract[] = manifests
  .filter(manifest => /^@flightdeck\/plugin-[\w-]+-common$/.test(manifest.name))
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  .flatMap(manifest =>
    Object.values(require(manifest.name)).filter(isContract),
  );

/** The ids of Flightdeck's backend plugins, each of which serves an API. */
export const backendPluginIds: string[] = manifests
  .filter(manifest => manifest.backstage?.role === 'backend-plugin')
  .map(manifest => manifest.backstage!.pluginId!);

/** One route a plugin serves: an endpoint of its contract, under its base URL. */
export interface Route {
  pluginId: string;
  endpoint: Pick<
    EndpointSpec,
    'operationId' | 'method' | 'path' | 'auth' | 'body' | 'headers'
  >;
  /** `/api/<pluginId><path>`, path parameters filled with a harmless value. */
  url: string;
  /** `METHOD /api/<pluginId><path>`, to name it in a test title. */
  title: string;
}

const routeOf = (pluginId: string, endpoint: Route['endpoint']): Route => {
  const url = `/api/${pluginId}${endpoint.path.replace(
    /\{\w+\}/g,
    'security-probe',
  )}`;
  return {
    pluginId,
    endpoint,
    url,
    title: `${endpoint.method} /api/${pluginId}${endpoint.path}`,
  };
};

/**
 * Every route of every contract, and the OpenAPI document each API serves
 * beside them (signed-in users and services only).
 */
export const routes: Route[] = contracts.flatMap(contract => [
  ...Object.values(contract.endpoints).map(endpoint =>
    routeOf(contract.pluginId, endpoint),
  ),
  routeOf(contract.pluginId, {
    operationId: 'GetOpenApiDocument',
    method: 'GET',
    path: OPEN_API_PATH,
    auth: ['user', 'service'],
  }),
]);
