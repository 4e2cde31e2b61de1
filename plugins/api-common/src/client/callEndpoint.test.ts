import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { z } from 'zod';
import { defineEndpoint } from '../contract/Endpoint';
import { callEndpoint } from './callEndpoint';

const getItem = defineEndpoint({
  operationId: 'GetItem',
  method: 'GET',
  path: '/items/{id}',
  summary: 'One item',
  auth: ['user'],
  params: z.object({ id: z.string() }),
  query: z.object({ fields: z.array(z.string()).optional() }),
  answers: {
    200: { description: 'It', schema: z.object({ id: z.string() }) },
  },
  errors: [404],
});

const addItem = defineEndpoint({
  operationId: 'AddItem',
  method: 'POST',
  path: '/items',
  summary: 'Adds one',
  auth: ['user'],
  body: {
    limitBytes: 100,
    content: { 'application/json': z.object({ name: z.string() }) },
  },
  answers: { 204: { description: 'Added' } },
  errors: [400],
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const baseUrl = 'http://localhost:7007/api/shop';

describe('callEndpoint', () => {
  it('sends parameters and query and answers the JSON body', async () => {
    let seen: string | undefined;
    server.use(
      http.get(`${baseUrl}/items/:id`, ({ request, params }) => {
        seen = `${params.id} ${new URL(request.url).searchParams.getAll(
          'fields',
        )}`;
        return HttpResponse.json({ id: String(params.id) });
      }),
    );
    const item = await callEndpoint({
      fetch,
      baseUrl,
      endpoint: getItem,
      params: { id: 'i-1' },
      query: { fields: ['id', 'name'] },
    });
    expect(item).toEqual({ id: 'i-1' });
    expect(seen).toBe('i-1 id,name');
  });

  it('posts JSON with its content type and takes an answer without a body', async () => {
    let received: { type: string | null; body: unknown } | undefined;
    server.use(
      http.post(`${baseUrl}/items`, async ({ request }) => {
        received = {
          type: request.headers.get('content-type'),
          body: await request.json(),
        };
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await expect(
      callEndpoint({
        fetch,
        baseUrl,
        endpoint: addItem,
        body: { name: 'kite' },
        headers: { Authorization: 'Bearer t' },
      }),
    ).resolves.toBeUndefined();
    expect(received).toEqual({
      type: 'application/json',
      body: { name: 'kite' },
    });
  });

  it("throws the backend's own error", async () => {
    server.use(
      http.get(`${baseUrl}/items/:id`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No item i-2' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const failure = callEndpoint({
      fetch,
      baseUrl,
      endpoint: getItem,
      params: { id: 'i-2' },
    });
    await expect(failure).rejects.toBeInstanceOf(ResponseError);
    await expect(failure).rejects.toMatchObject({
      statusCode: 404,
      body: { error: { message: 'No item i-2' } },
    });
  });
});
