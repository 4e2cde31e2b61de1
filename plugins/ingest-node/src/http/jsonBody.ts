import { assertError, InputError } from '@backstage/errors';
import express, { Request, RequestHandler } from 'express';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';

const rawBodies = new WeakMap<Request, Buffer>();

/**
 * The body exactly as it arrived, for signature checks. Only set on routes
 * behind {@link jsonBody}.
 *
 * @public
 */
export function rawBodyOf(req: Request): Buffer {
  const raw = rawBodies.get(req);
  if (!raw) {
    throw new Error('rawBodyOf called on a route without jsonBody()');
  }
  return raw;
}

const JSON_TYPES = /^application\/([\w.-]+\+)?json\b/i;

/**
 * Reads a JSON body of at most `limitBytes`, keeping the raw bytes for
 * signature checks. Bodies that are too large (413), not JSON (415), empty
 * or malformed (400) are refused with a message that says which.
 *
 * @public
 */
export function jsonBody(options: {
  limitBytes: number;
  /**
   * Checks the raw bytes before they are parsed, e.g. a signature, so that
   * unauthenticated senders learn nothing about the parser. Throw to refuse.
   */
  verify?: (req: Request, raw: Buffer) => void;
}): RequestHandler {
  const { limitBytes, verify } = options;
  const readRaw = express.raw({ type: () => true, limit: limitBytes });
  return (req, res, next) => {
    const contentType = req.headers['content-type'] ?? '';
    if (!JSON_TYPES.test(contentType)) {
      next(
        new UnsupportedMediaTypeError(
          `Expected a JSON body (Content-Type: application/json), got '${
            contentType || 'no Content-Type'
          }'`,
        ),
      );
      return;
    }
    readRaw(req, res, (error?: unknown) => {
      if (error) {
        const type = (error as { type?: string }).type;
        next(
          type === 'entity.too.large'
            ? new PayloadTooLargeError(
                `Body exceeds the limit of ${limitBytes} bytes`,
              )
            : new InputError(`Could not read the body: ${String(error)}`),
        );
        return;
      }
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        verify?.(req, raw);
      } catch (verifyError) {
        next(verifyError);
        return;
      }
      if (raw.length === 0) {
        next(new InputError('The body is empty; expected JSON'));
        return;
      }
      try {
        req.body = JSON.parse(raw.toString('utf8'));
      } catch (parseError) {
        assertError(parseError);
        next(
          new InputError(`The body is not valid JSON: ${parseError.message}`),
        );
        return;
      }
      rawBodies.set(req, raw);
      next();
    });
  };
}
