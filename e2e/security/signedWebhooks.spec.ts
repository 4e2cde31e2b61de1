import { APIRequestContext, expect } from '@playwright/test';
import { test } from './callers';
import { routes } from './contracts';
import {
  otherSignedHeaders,
  signatureHeaderOf,
  signingSchemeOf,
} from './signatures';

// The routes that take no Backstage credentials: the sender signs the body
// instead, and the signature is their only door.

const signedRoutes = routes.filter(
  route => route.endpoint.auth === 'signed-body',
);

for (const route of signedRoutes) {
  test.describe(route.title, () => {
    const body = JSON.stringify({ zen: 'security probe' });

    const post = (
      request: APIRequestContext,
      data: string,
      signature?: string,
    ) =>
      request.post(route.url, {
        headers: {
          'Content-Type': 'application/json',
          ...otherSignedHeaders(route),
          ...(signature === undefined
            ? {}
            : { [signatureHeaderOf(route)]: signature }),
        },
        data: Buffer.from(data),
      });

    test('lets in a body signed with the configured secret', async ({
      request,
    }) => {
      const { secret, sign } = signingSchemeOf(route);
      const response = await post(request, body, sign(body, secret));
      expect(response.status(), await response.text()).not.toBe(401);
      expect(response.status()).toBeLessThan(500);
    });

    test('refuses a body without a signature', async ({ request }) => {
      expect((await post(request, body)).status()).toBe(401);
    });

    test('refuses a malformed signature', async ({ request }) => {
      expect((await post(request, body, 'sha256=not-hex')).status()).toBe(401);
      expect((await post(request, body, '')).status()).toBe(401);
    });

    test('refuses a body signed with another secret', async ({ request }) => {
      const { sign } = signingSchemeOf(route);
      const response = await post(request, body, sign(body, 'not-the-secret'));
      expect(response.status()).toBe(401);
    });

    test("refuses an earlier body's signature on a different body", async ({
      request,
    }) => {
      const { secret, sign } = signingSchemeOf(route);
      const stale = sign(body, secret);
      const altered = JSON.stringify({ zen: 'security probe', extra: true });
      expect((await post(request, altered, stale)).status()).toBe(401);
    });
  });
}
