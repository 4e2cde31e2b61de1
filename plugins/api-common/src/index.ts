/**
 * How Flightdeck's feature families describe their HTTP APIs once, in zod,
 * and the vocabulary every API shares.
 *
 * @packageDocumentation
 */
export * from './contract/Endpoint';
export { defineContract, type ApiContract } from './contract/ApiContract';
export {
  openApiDocument,
  type OpenApiDocument,
  type OpenApiNode,
} from './contract/openApiDocument';
export { OPEN_API_PATH } from './contract/openApiPath';
export { requestPath } from './contract/requestPath';
export { callEndpoint, type EndpointCall } from './client/callEndpoint';
export { errorBodySchema } from './errorBody';
export { environmentSchema, type Environment } from './environment';
export { normalizeOwnerRef } from './ownerRef';
export {
  entityRefParameter,
  ownerParameter,
  timestampParameter,
} from './queryParameters';
