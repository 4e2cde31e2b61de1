import { EndpointSpec } from './Endpoint';

/** A query value a caller may give: lists repeat the parameter. */
type QueryValue = string | number | boolean | null | undefined;

/**
 * The path and query string of a request to `endpoint`, relative to the
 * plugin's base URL: parameters fill the braces, encoded; empty query
 * values are left out.
 *
 * @public
 */
export function requestPath(
  endpoint: Pick<EndpointSpec, 'path'>,
  params: Record<string, string> = {},
  query: Record<string, QueryValue | readonly QueryValue[]> = {},
): string {
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') {
      throw new TypeError(`${endpoint.path}: no value for '${name}'`);
    }
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') {
        search.append(key, String(item));
      }
    }
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
