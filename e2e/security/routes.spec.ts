import { APIRequestContext, expect } from '@playwright/test';
import { bearer, callerKinds, REFUSED, test } from './callers';
import { backendPluginIds, contracts, Route, routes } from './contracts';

// Who may call what, for every route of every Flightdeck API: the contracts
// are found on disk (contracts.ts), so a new family's routes are covered
// without an edit here.

test('finds a contract for every Flightdeck backend plugin', () => {
  expect(backendPluginIds.length).toBeGreaterThan(0);
  expect(contracts.map(contract => contract.pluginId)).toEqual(
    expect.arrayContaining(backendPluginIds),
  );
});

for (const contract of contracts) {
  test(`/api/${contract.pluginId} serves the routes its contract declares`, async ({
    request,
    callers,
  }) => {
    const response = await request.get(
      `/api/${contract.pluginId}/openapi.json`,
      { headers: bearer(callers.user) },
    );
    expect(response.status()).toBe(200);
    const document = await response.json();
    const served = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map(
        method => `${method.toUpperCase()} ${path}`,
      ),
    );
    expect(served.sort()).toEqual(
      routes
        .filter(route => route.pluginId === contract.pluginId)
        .map(({ endpoint }) => `${endpoint.method} ${endpoint.path}`)
        .sort(),
    );
  });
}

/** A request to the route with an empty JSON object where it reads a body. */
const call = (
  request: APIRequestContext,
  route: Route,
  headers: Record<string, string> = {},
) => {
  const { method, body } = route.endpoint;
  return request.fetch(route.url, {
    method,
    headers: body
      ? { ...headers, 'Content-Type': Object.keys(body.content)[0] }
      : headers,
    data: body ? Buffer.from('{}') : undefined,
  });
};

/** The user token with its signature altered: well formed, signed by nobody. */
const forged = (token: string) => {
  const [header, payload, signature] = token.split('.');
  const first = signature[0] === 'A' ? 'B' : 'A';
  return [header, payload, first + signature.slice(1)].join('.');
};

for (const route of routes) {
  const { auth } = route.endpoint;

  test(`${route.title} refuses a request without credentials`, async ({
    request,
  }) => {
    // A signed webhook opens its door to a signature only (signedWebhooks.spec.ts).
    expect((await call(request, route)).status()).toBe(401);
  });

  if (auth === 'signed-body') continue;

  test(`${route.title} refuses tokens the portal did not issue`, async ({
    request,
    callers,
  }) => {
    const unknown = await call(request, route, bearer('not-a-token-at-all'));
    expect(unknown.status()).toBe(401);
    const forgedUser = await call(request, route, bearer(forged(callers.user)));
    expect(forgedUser.status()).toBe(401);
  });

  for (const kind of callerKinds) {
    const allowed = auth.includes(kind);
    test(`${route.title} ${
      allowed ? 'lets in' : 'turns away'
    } a ${kind}'s credentials`, async ({ request, callers }) => {
      // With an empty body and no query: an allowed caller gets past the
      // door and is stopped by what it did not send, so nothing changes.
      const status = (
        await call(request, route, bearer(callers[kind]))
      ).status();
      if (allowed) {
        expect(REFUSED).not.toContain(status);
      } else {
        expect(REFUSED).toContain(status);
      }
    });
  }
}
