/**
 * Where every API serves its own OpenAPI document, next to its routes.
 *
 * @public
 */
export const OPEN_API_PATH = '/openapi.json';
