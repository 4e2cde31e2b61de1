import { z } from 'zod';
import { EndpointSpec } from './Endpoint';
import { OPEN_API_PATH } from './openApiPath';

/**
 * A plugin's whole HTTP API: the one source its backend router, its clients
 * and its OpenAPI document are derived from.
 *
 * @public
 */
export interface ApiContract {
  /** The plugin id; the API lives under `/api/<pluginId>`. */
  pluginId: string;
  title: string;
  description: string;
  version: string;
  /**
   * Schemas with a name of their own: the OpenAPI document lists them once
   * under `components.schemas` and refers to them wherever they are used.
   */
  schemas: Readonly<Record<string, z.ZodType>>;
  endpoints: Readonly<Record<string, EndpointSpec>>;
}

/**
 * Declares a contract, checking that operation ids and method-path pairs are
 * unique, and that path parameters match the `params` schema.
 *
 * @public
 */
export function defineContract<const C extends ApiContract>(contract: C): C {
  const operations = new Set<string>();
  const routes = new Set<string>();
  for (const endpoint of Object.values(contract.endpoints)) {
    const route = `${endpoint.method} ${endpoint.path}`;
    if (endpoint.path === OPEN_API_PATH) {
      throw new Error(
        `${contract.pluginId}: ${OPEN_API_PATH} is served for every API; ${endpoint.operationId} may not take it`,
      );
    }
    if (operations.has(endpoint.operationId) || routes.has(route)) {
      throw new Error(
        `${contract.pluginId}: ${endpoint.operationId} (${route}) is declared twice`,
      );
    }
    operations.add(endpoint.operationId);
    routes.add(route);
    const inPath = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map(m => m[1]);
    const declared = Object.keys(endpoint.params?.shape ?? {});
    if (inPath.sort().join() !== declared.sort().join()) {
      throw new Error(
        `${contract.pluginId}: ${endpoint.operationId} has path parameters ${
          inPath.join(', ') || 'none'
        } but params ${declared.join(', ') || 'none'}`,
      );
    }
  }
  return contract;
}
