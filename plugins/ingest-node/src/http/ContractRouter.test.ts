import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { defineContract, defineEndpoint } from '@flightdeck/api-common';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { authPoliciesOf, ContractRouter } from './ContractRouter';
import { signedJsonBody } from './signedJsonBody';
import { signHmacSha256 } from './signature';

const items = defineContract({
  pluginId: 'shop',
  title: 'shop',
  description: 'Items',
  version: '1.0.0',
  schemas: {},
  endpoints: {
    get: defineEndpoint({
      operationId: 'GetItem',
      method: 'GET',
      path: '/items/{id}',
      summary: 'One item',
      auth: ['user', 'service'],
      params: z.object({ id: z.string().regex(/^i-\d+$/, 'expected i-<n>') }),
      query: z
        .object({ verbose: z.enum(['yes', 'no']).default('no') })
        .strict(),
      answers: { 200: { description: 'It', schema: z.object({}) } },
      errors: [400, 401],
    }),
    add: defineEndpoint({
      operationId: 'AddItem',
      method: 'POST',
      path: '/items',
      summary: 'Adds one',
      auth: ['user'],
      body: {
        limitBytes: 64,
        content: { 'application/json': z.object({ name: z.string() }) },
      },
      answers: {
        201: { description: 'Added', schema: z.object({ id: z.string() }) },
        204: { description: 'Known already' },
      },
      errors: [400, 401, 403, 413],
    }),
    hook: defineEndpoint({
      operationId: 'Hook',
      method: 'POST',
      path: '/hooks/shop',
      summary: 'A signed webhook',
      auth: 'signed-body',
      body: {
        limitBytes: 1024,
        content: { 'application/json': z.object({}) },
      },
      answers: { 200: { description: 'Taken', schema: z.object({}) } },
      errors: [401],
    }),
  },
});

/** An app as Backstage serves a plugin: the router, then its error middleware. */
function appWith(router: express.Router) {
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  return express().use(router).use(middleware.error());
}

function servicesWith(auditor = mockServices.auditor.mock()) {
  return {
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.none(),
    }),
    auditor,
  };
}

function shopRouter(auditor = mockServices.auditor.mock()) {
  const calls: unknown[] = [];
  const router = new ContractRouter(items, servicesWith(auditor))
    .bind(items.endpoints.get, async ({ params, query, credentials }) => {
      calls.push({ params, query, principal: credentials.principal.type });
      return { status: 200, body: {} };
    })
    .bind(items.endpoints.add, async ({ req, credentials }) => {
      calls.push({ body: req.body, user: credentials.principal.userEntityRef });
      return req.body.name === 'known'
        ? { status: 204, body: undefined }
        : { status: 201, body: { id: 'i-1' } };
    })
    .bind(items.endpoints.hook, async () => ({ status: 200, body: {} }), {
      readBody: signedJsonBody({
        limitBytes: 1024,
        headerName: 'X-Shop-Signature',
        secrets: ['s3cret'],
      }),
    });
  return { app: appWith(router.build()), calls };
}

describe('ContractRouter', () => {
  it('parses parameters and query and answers the status the handler chose', async () => {
    const { app, calls } = shopRouter();
    const res = await request(app)
      .get('/items/i-7?verbose=yes')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(calls).toEqual([
      {
        params: { id: 'i-7' },
        query: { verbose: 'yes' },
        principal: 'service',
      },
    ]);
    const added = await request(app)
      .post('/items')
      .set('Authorization', mockCredentials.user.header())
      .set('Content-Type', 'application/json')
      .send('{"name":"kite"}');
    expect([added.status, added.body]).toEqual([201, { id: 'i-1' }]);
    const known = await request(app)
      .post('/items')
      .set('Authorization', mockCredentials.user.header())
      .set('Content-Type', 'application/json')
      .send('{"name":"known"}');
    expect([known.status, known.text]).toEqual([204, '']);
  });

  it('names the field of a bad parameter or query', async () => {
    const { app, calls } = shopRouter();
    const badId = await request(app)
      .get('/items/seven')
      .set('Authorization', mockCredentials.user.header());
    expect([badId.status, badId.body.error.message]).toEqual([
      400,
      'Invalid path: id: expected i-<n>',
    ]);
    const badQuery = await request(app)
      .get('/items/i-1?colour=red')
      .set('Authorization', mockCredentials.user.header());
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toContain('Invalid query');
    expect(calls).toEqual([]);
  });

  it('checks credentials as the endpoint says, before reading the body', async () => {
    const { app, calls } = shopRouter();
    const anonymous = await request(app).get('/items/i-1');
    expect(anonymous.status).toBe(401);
    const service = await request(app)
      .post('/items')
      .set('Authorization', mockCredentials.service.header())
      .set('Content-Type', 'application/json')
      .send('not json at all');
    expect(service.status).toBe(403);
    const tooLarge = await request(app)
      .post('/items')
      .set('Authorization', mockCredentials.user.header())
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(100) }));
    expect(tooLarge.status).toBe(413);
    expect(calls).toEqual([]);
  });

  it('lets a signed body in without credentials, and only a signed one', async () => {
    const { app } = shopRouter();
    const body = '{"event":"sold"}';
    const signed = await request(app)
      .post('/hooks/shop')
      .set('Content-Type', 'application/json')
      .set('X-Shop-Signature', signHmacSha256(body, 's3cret'))
      .send(body);
    expect(signed.status).toBe(200);
    const unsigned = await request(app)
      .post('/hooks/shop')
      .set('Content-Type', 'application/json')
      .send(body);
    expect(unsigned.status).toBe(401);
    expect(authPoliciesOf(items)).toEqual([
      { path: '/items', allow: 'unauthenticated' },
      { path: '/hooks/shop', allow: 'unauthenticated' },
    ]);
  });

  it('serves the OpenAPI document of the contract it was built from', async () => {
    const { app } = shopRouter();
    const res = await request(app)
      .get('/openapi.json')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths).sort()).toEqual([
      '/hooks/shop',
      '/items',
      '/items/{id}',
      '/openapi.json',
    ]);
  });

  it('refuses to build with an endpoint left unbound, or one bound twice', () => {
    const router = new ContractRouter(items, servicesWith()).bind(
      items.endpoints.get,
      async () => ({ status: 200, body: {} }),
    );
    expect(() => router.build()).toThrow(
      'The shop router leaves AddItem, Hook unbound',
    );
    expect(() =>
      router.bind(items.endpoints.get, async () => ({ status: 200, body: {} })),
    ).toThrow('GetItem is bound twice');
  });

  describe('audit', () => {
    /** The auditor's record of each request: how it was opened, and closed. */
    function recordingAuditor() {
      const records: Array<{ opened: any; closed?: string; error?: string }> =
        [];
      const auditor = mockServices.auditor.mock({
        createEvent: async opened => {
          const record: (typeof records)[number] = { opened };
          records.push(record);
          return {
            success: async () => {
              record.closed = 'succeeded';
            },
            fail: async ({ error }) => {
              record.closed = 'failed';
              record.error = error.message;
            },
          };
        },
      });
      return { auditor, records };
    }

    const settled = () => new Promise(resolve => setImmediate(resolve));

    it('records a mutation from its arrival to its answer', async () => {
      const { auditor, records } = recordingAuditor();
      const { app } = shopRouter(auditor);
      await request(app)
        .post('/items')
        .set('Authorization', mockCredentials.user.header())
        .set('Content-Type', 'application/json')
        .send('{"name":"kite"}');
      await settled();
      expect(records).toEqual([
        {
          opened: expect.objectContaining({
            eventId: 'add-item',
            severityLevel: 'medium',
            meta: { operationId: 'AddItem' },
          }),
          closed: 'succeeded',
        },
      ]);
      expect(records[0].opened.request).toBeDefined();
    });

    it('records refused attempts as failed, with the error answered', async () => {
      const { auditor, records } = recordingAuditor();
      const { app } = shopRouter(auditor);
      await request(app)
        .post('/items')
        .set('Content-Type', 'application/json')
        .send('{"name":"kite"}');
      await request(app)
        .post('/items')
        .set('Authorization', 'Bearer not-a-token')
        .set('Content-Type', 'application/json')
        .send('{"name":"kite"}');
      await request(app)
        .post('/items')
        .set('Authorization', mockCredentials.service.header())
        .set('Content-Type', 'application/json')
        .send('{"name":"kite"}');
      await request(app)
        .post('/hooks/shop')
        .set('Content-Type', 'application/json')
        .set('X-Shop-Signature', signHmacSha256('{"a":1}', 's3cret'))
        .send('{"a":2}');
      await settled();
      expect(records.map(r => [r.opened.eventId, r.closed])).toEqual([
        ['add-item', 'failed'],
        ['add-item', 'failed'],
        ['add-item', 'failed'],
        ['hook', 'failed'],
      ]);
      expect(records[0].error).toMatch(/credentials|token/i);
      // A token nobody can verify is recorded without the request, which
      // the auditor would try to verify again.
      expect(records[1].opened.request).toBeUndefined();
      expect(records[1].opened.meta).toMatchObject({
        caller: 'unverifiable credentials',
        method: 'POST',
        url: '/items',
      });
      expect(records[3].error).toMatch(/signature/i);
    });

    it('leaves reads unaudited', async () => {
      const { auditor, records } = recordingAuditor();
      const { app } = shopRouter(auditor);
      await request(app)
        .get('/items/i-1')
        .set('Authorization', mockCredentials.user.header());
      await settled();
      expect(records).toEqual([]);
    });
  });
});
