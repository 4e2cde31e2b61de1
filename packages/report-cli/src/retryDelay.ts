const FIRST_DELAY_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
/** A pipeline step should not hang on a server asking for a long pause. */
const MAX_RETRY_AFTER_MS = 120_000;

/**
 * How long to wait before attempt `attempt + 1`: doubling from one second,
 * at most 30 seconds, with jitter so that many pipelines failing together do
 * not come back together. `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_DELAY_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The wait a `Retry-After` header asks for, in seconds or as an HTTP date;
 * undefined when there is none or it cannot be read.
 */
export function retryAfterDelay(
  header: string | null,
  nowMs: number,
): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) {
    return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS);
  }
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - nowMs), MAX_RETRY_AFTER_MS);
}
