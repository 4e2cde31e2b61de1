import { z } from 'zod';
import { defineContract } from './ApiContract';
import { defineEndpoint } from './Endpoint';

const ping = defineEndpoint({
  operationId: 'Ping',
  method: 'GET',
  path: '/ping',
  summary: 'Answers',
  auth: ['user'],
  answers: { 200: { description: 'pong' } },
  errors: [401],
});

const contractOf = (endpoints: Record<string, any>) =>
  defineContract({
    pluginId: 'demo',
    title: 'demo',
    description: 'A demo',
    version: '1.0.0',
    schemas: {},
    endpoints,
  });

describe('defineContract', () => {
  it('takes a contract whose routes are unique', () => {
    expect(contractOf({ ping }).endpoints.ping).toBe(ping);
  });

  it('refuses an operation declared twice', () => {
    expect(() => contractOf({ ping, again: { ...ping } })).toThrow(
      'demo: Ping (GET /ping) is declared twice',
    );
  });

  it('refuses path parameters the params schema does not name', () => {
    expect(() =>
      contractOf({
        item: { ...ping, operationId: 'Item', path: '/items/{id}' },
      }),
    ).toThrow('demo: Item has path parameters id but params none');
    expect(() =>
      contractOf({
        item: {
          ...ping,
          operationId: 'Item',
          path: '/items/{id}',
          params: z.object({ key: z.string() }),
        },
      }),
    ).toThrow('demo: Item has path parameters id but params key');
  });

  it('keeps the document route for the document', () => {
    expect(() =>
      contractOf({ doc: { ...ping, path: '/openapi.json' } }),
    ).toThrow('/openapi.json is served for every API');
  });
});
