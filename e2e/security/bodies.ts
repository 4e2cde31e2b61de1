/** A JSON document of exactly `bytes` bytes (at least 10). */
export function jsonOfSize(bytes: number): string {
  const frame = '{"pad":""}';
  return `{"pad":"${'a'.repeat(bytes - frame.length)}"}`;
}

/** Bytes that claim to be JSON and are not. */
export const MALFORMED_JSON = '{"service": "payments-api",';
