import { RequestHandler } from 'express';
import { jsonBody } from './jsonBody';
import { verifyHmacSha256Signature } from './signature';

/**
 * Reads a JSON body signed with HMAC-SHA256 in `headerName` (GitHub's
 * `X-Hub-Signature-256: sha256=<hex>` form), checking the signature on the
 * raw bytes before anything is parsed. For webhooks that cannot send
 * Backstage credentials: the route is opened to unauthenticated callers and
 * this is its door.
 *
 * @public
 */
export function signedJsonBody(options: {
  limitBytes: number;
  headerName: string;
  /** The current secret first, then one being rotated out. */
  secrets: readonly string[];
  prefix?: string;
}): RequestHandler {
  const { limitBytes, headerName, secrets, prefix } = options;
  return jsonBody({
    limitBytes,
    verify: (req, raw) =>
      verifyHmacSha256Signature({
        header: req.header(headerName),
        body: raw,
        secrets,
        headerName,
        prefix,
      }),
  });
}
