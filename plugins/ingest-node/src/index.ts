/**
 * What every Flightdeck feature backend needs at its door: signature checks,
 * body limits, validation into clear 4xx errors, idempotency and entity
 * resolution.
 *
 * @packageDocumentation
 */
export {
  UnprocessableEntityError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from './errors';
export { parseInput } from './parseInput';
export { verifyHmacSha256Signature, signHmacSha256 } from './signature';
export { jsonBody, rawBodyOf } from './jsonBody';
export { IdempotencyStore } from './IdempotencyStore';
export {
  readIdempotencyRetentionDays,
  scheduleIdempotencyKeyPurge,
} from './idempotencyRetention';
export { bulkInsert, type BulkInsertOptions } from './bulkInsert';
export { CatalogEntityResolver } from './CatalogEntityResolver';
export { readEnvironments, type FlightdeckEnvironment } from './environments';
