import { ErrorBody, IngestResult, PostEventsBody } from './apiTypes';
import { backoffDelay, retryAfterDelay } from './retryDelay';

/** Answers that say "not now" rather than "no". */
const RETRIED_STATUSES = new Set([429, 502, 503, 504]);
const ATTEMPT_TIMEOUT_MS = 30_000;

export interface SendOptions {
  /** `<portal>/api/deployments/events` */
  endpoint: URL;
  token: string;
  body: PostEventsBody;
  /** Attempts after the first one. */
  retries: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Number in [0, 1) for the jitter. */
  random?: () => number;
  now?: () => number;
  onRetry?: (notice: RetryNotice) => void;
}

export interface RetryNotice {
  attempt: number;
  maxAttempts: number;
  problem: string;
  delayMs: number;
}

export type SendOutcome =
  | { outcome: 'recorded'; result: IngestResult }
  | { outcome: 'refused'; problem: string }
  | { outcome: 'gave-up'; attempts: number; problem: string };

type Attempt = { done: SendOutcome } | { retry: string; retryAfterMs?: number };

/**
 * Posts the events, sending the very same body (and so the same
 * idempotency keys) on every attempt: a retry after a request that did
 * arrive is answered as a duplicate. Network errors, timeouts, 429 and
 * 502/503/504 are retried with backoff, honouring `Retry-After`; any other
 * error answer is final.
 */
export async function sendEvents(options: SendOptions): Promise<SendOutcome> {
  const sleep =
    options.sleep ??
    ((ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const payload = JSON.stringify(options.body);
  const maxAttempts = options.retries + 1;

  for (let attempt = 1; ; attempt++) {
    const result = await attemptOnce(options, payload, now);
    if ('done' in result) return result.done;
    if (attempt >= maxAttempts) {
      return { outcome: 'gave-up', attempts: attempt, problem: result.retry };
    }
    const delayMs = result.retryAfterMs ?? backoffDelay(attempt, random);
    options.onRetry?.({ attempt, maxAttempts, problem: result.retry, delayMs });
    await sleep(delayMs);
  }
}

async function attemptOnce(
  options: SendOptions,
  payload: string,
  now: () => number,
): Promise<Attempt> {
  const fetchImpl = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(options.endpoint, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${options.token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: payload,
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
  } catch (error) {
    return { retry: describeNetworkError(error) };
  }

  const text = await response.text().catch(() => '');
  const status = `${response.status} ${response.statusText}`.trim();
  if (response.ok) {
    const result = parseJson(text) as IngestResult | undefined;
    if (!result || typeof result.accepted !== 'number') {
      return {
        done: {
          outcome: 'refused',
          problem: `${status}, but the answer is not Flightdeck's: is the URL the portal's base URL?`,
        },
      };
    }
    return { done: { outcome: 'recorded', result } };
  }
  if (RETRIED_STATUSES.has(response.status)) {
    return {
      retry: status,
      retryAfterMs: retryAfterDelay(response.headers.get('retry-after'), now()),
    };
  }
  return {
    done: { outcome: 'refused', problem: describeRefusal(status, text) },
  };
}

function describeRefusal(status: string, text: string): string {
  const body = parseJson(text) as Partial<ErrorBody> | undefined;
  if (body?.error?.message) {
    return `${status} (${body.error.name}): ${body.error.message}`;
  }
  const excerpt = text.trim().slice(0, 300);
  return excerpt ? `${status}: ${excerpt}` : status;
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } })
    .cause;
  return cause?.code ?? cause?.message ?? String(error);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
