import { AuthenticationError } from '@backstage/errors';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks an HMAC-SHA256 signature header such as GitHub's
 * `X-Hub-Signature-256: sha256=<hex>` against the raw request body.
 *
 * Every configured secret is tried, so a secret can be rotated by adding the
 * new one next to the old one and removing the old one once senders have
 * switched. Comparison is constant-time. Throws `AuthenticationError` (401)
 * when the header is missing, malformed or matches no secret.
 *
 * @public
 */
export function verifyHmacSha256Signature(options: {
  header: string | undefined;
  body: Buffer;
  secrets: readonly string[];
  headerName: string;
  prefix?: string;
}): void {
  const { header, body, secrets, headerName, prefix = 'sha256=' } = options;
  if (secrets.length === 0) {
    throw new AuthenticationError(
      `Signed requests are not accepted: no secret is configured for ${headerName}`,
    );
  }
  if (!header) {
    throw new AuthenticationError(`Missing ${headerName} header`);
  }
  if (
    !header.startsWith(prefix) ||
    !/^[0-9a-f]{64}$/i.test(header.slice(prefix.length))
  ) {
    throw new AuthenticationError(
      `Malformed ${headerName} header: expected ${prefix}<64 hex digits>`,
    );
  }
  const given = Buffer.from(header.slice(prefix.length).toLowerCase(), 'hex');
  const matches = secrets.map(secret => {
    const expected = createHmac('sha256', secret).update(body).digest();
    return timingSafeEqual(expected, given);
  });
  if (!matches.includes(true)) {
    throw new AuthenticationError(
      `The ${headerName} signature does not match the request body`,
    );
  }
}

/**
 * Computes the header value a sender puts in the signature header, for tests
 * and for Flightdeck's own signed outgoing webhooks.
 *
 * @public
 */
export function signHmacSha256(
  body: string | Buffer,
  secret: string,
  prefix = 'sha256=',
): string {
  return prefix + createHmac('sha256', secret).update(body).digest('hex');
}
