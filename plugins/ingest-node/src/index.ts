/**
 * The door every Flightdeck feature backend takes events and mutations in
 * through: a plugin-scoped service (`ingestServiceRef`) with the
 * environments, entity resolution, idempotency and authorization, and the
 * route pieces (contract router, body limits, signatures, batches, cursors)
 * and database helpers the features share.
 *
 * @packageDocumentation
 */
export { ingestServiceRef } from './service/ingestServiceRef';
export type { IngestService } from './service/IngestService';
export { Environments } from './environments/Environments';
export { CatalogEntityResolver } from './catalog/CatalogEntityResolver';
export {
  EntityAuthorizer,
  type EntityMutation,
  type AuthorizedMutation,
} from './authorization/EntityAuthorizer';
export { settleAudit } from './authorization/settleAudit';
export {
  RepositoryTrust,
  type RepositoryClaim,
  type ClaimVerdict,
} from './trust/RepositoryTrust';
export {
  parseCodeRepository,
  codeRepositoryName,
  sameCodeRepository,
  type CodeRepository,
} from './trust/CodeRepository';
export { IdempotencyStore } from './idempotency/IdempotencyStore';
export { IdempotencyKeyJanitor } from './idempotency/IdempotencyKeyJanitor';
export {
  ContractRouter,
  authPoliciesOf,
  type ContractRouterServices,
  type BindOptions,
  type EndpointContext,
  type EndpointCredentials,
  type EndpointHandler,
} from './http/ContractRouter';
export {
  UnprocessableEntityError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  BadGatewayError,
} from './http/errors';
export { parseInput } from './http/parseInput';
export { parseBatchOrSingle } from './http/batchOrSingle';
export { verifyHmacSha256Signature, signHmacSha256 } from './http/signature';
export { jsonBody, rawBodyOf } from './http/jsonBody';
export { signedJsonBody } from './http/signedJsonBody';
export { encodeCursor, decodeCursor } from './http/cursor';
export { bulkInsert, type BulkInsertOptions } from './database/bulkInsert';
export { selectByTuples, tupleKey } from './database/selectByTuples';
