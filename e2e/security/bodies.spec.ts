import { APIRequestContext, expect } from '@playwright/test';
import { jsonOfSize, MALFORMED_JSON } from './bodies';
import { bearer, Callers, test } from './callers';
import { Route, routes } from './contracts';
import {
  otherSignedHeaders,
  signatureHeaderOf,
  signingSchemeOf,
} from './signatures';

// Every route that reads a body reads at most the bytes its contract
// declares (body.limitBytes), and says which bodies it cannot read.

/**
 * The headers of a caller the route lets in: a service where it takes one
 * (the ingestion routes), a user otherwise, or a valid signature of `body`.
 */
function admitted(route: Route, callers: Callers, body: string) {
  const { auth } = route.endpoint;
  if (auth === 'signed-body') {
    const { secret, sign } = signingSchemeOf(route);
    return {
      ...otherSignedHeaders(route),
      [signatureHeaderOf(route)]: sign(body, secret),
    };
  }
  return bearer(auth.includes('service') ? callers.service : callers.user);
}

const send = (
  request: APIRequestContext,
  route: Route,
  callers: Callers,
  body: string,
  contentType = Object.keys(route.endpoint.body!.content)[0],
) =>
  request.fetch(route.url, {
    method: route.endpoint.method,
    headers: {
      ...admitted(route, callers, body),
      'Content-Type': contentType,
    },
    // A Buffer goes out as it is; a string would be encoded as JSON.
    data: Buffer.from(body),
  });

for (const route of routes.filter(r => r.endpoint.body)) {
  const { limitBytes } = route.endpoint.body!;

  test.describe(route.title, () => {
    test(`refuses a body over ${limitBytes} bytes with 413`, async ({
      request,
      callers,
    }) => {
      const response = await send(
        request,
        route,
        callers,
        jsonOfSize(limitBytes + 1),
      );
      expect(response.status()).toBe(413);
    });

    test(`reads a body of ${limitBytes} bytes`, async ({
      request,
      callers,
    }) => {
      // Not a valid request, so nothing changes; but read, not refused for size.
      const response = await send(
        request,
        route,
        callers,
        jsonOfSize(limitBytes),
      );
      expect(response.status()).not.toBe(413);
      expect(response.status()).toBeLessThan(500);
    });

    test('refuses malformed JSON with 400', async ({ request, callers }) => {
      const response = await send(request, route, callers, MALFORMED_JSON);
      expect(response.status()).toBe(400);
      expect((await response.json()).error.message).toMatch(/JSON/);
    });

    test('refuses a body that is not JSON with 415', async ({
      request,
      callers,
    }) => {
      const response = await send(
        request,
        route,
        callers,
        'service=payments-api',
        'application/x-www-form-urlencoded',
      );
      expect(response.status()).toBe(415);
    });
  });
}
