import SwaggerParser from '@apidevtools/swagger-parser';
import { z } from 'zod';
import { defineContract } from './ApiContract';
import { defineEndpoint } from './Endpoint';
import { openApiDocument } from './openApiDocument';

const colourSchema = z.enum(['red', 'blue']);
const itemSchema = z.object({
  id: z.string(),
  colour: colourSchema,
  size: z.number().int().default(1),
});
const newItemSchema = z.object({
  colour: colourSchema,
  size: z.number().int().default(1).describe('How big'),
});

const contract = defineContract({
  pluginId: 'shop',
  title: 'shop',
  description: 'Items for sale',
  version: '1.2.3',
  schemas: { Item: itemSchema, Colour: colourSchema, NewItem: newItemSchema },
  endpoints: {
    list: defineEndpoint({
      operationId: 'ListItems',
      method: 'GET',
      path: '/items',
      summary: 'Items',
      auth: ['user', 'service'],
      query: z.object({
        colour: colourSchema.optional(),
        limit: z.coerce.number<number>().int().min(1).max(10).default(5),
      }),
      answers: {
        200: {
          description: 'A page',
          schema: z.object({ items: z.array(itemSchema) }),
        },
      },
      errors: [400, 401],
    }),
    get: defineEndpoint({
      operationId: 'GetItem',
      method: 'GET',
      path: '/items/{id}',
      summary: 'One item',
      auth: ['user'],
      params: z.object({ id: z.string() }),
      answers: { 200: { description: 'The item', schema: itemSchema } },
      errors: [404],
    }),
    add: defineEndpoint({
      operationId: 'AddItem',
      method: 'POST',
      path: '/items',
      summary: 'Adds one',
      auth: 'signed-body',
      headers: z.object({ 'X-Signature': z.string() }),
      body: {
        limitBytes: 1024,
        content: { 'application/json': newItemSchema },
      },
      answers: { 204: { description: 'Added' } },
      errors: [400, 401],
    }),
  },
});

describe('openApiDocument', () => {
  const document = openApiDocument(contract);

  it('is valid OpenAPI 3.0', async () => {
    await expect(
      SwaggerParser.validate(structuredClone(document) as any),
    ).resolves.toBeDefined();
    expect(document.info).toEqual({
      title: 'shop',
      version: '1.2.3',
      description: 'Items for sale',
    });
    expect(document.servers).toEqual([{ url: '/api/shop' }]);
  });

  it('turns path, query and header schemas into parameters', () => {
    expect(document.paths['/items'].get.parameters).toEqual([
      {
        name: 'colour',
        in: 'query',
        required: false,
        schema: { $ref: '#/components/schemas/Colour' },
      },
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: 10, default: 5 },
      },
    ]);
    expect(document.paths['/items/{id}'].get.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(document.paths['/items'].post.parameters).toEqual([
      {
        name: 'X-Signature',
        in: 'header',
        required: true,
        schema: { type: 'string' },
      },
    ]);
  });

  it('refers to named schemas and inlines the rest', () => {
    const page = (document.paths['/items'].get.responses as any)[200].content[
      'application/json'
    ].schema;
    expect(page.properties.items).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Item' },
    });
    expect(
      (document.paths['/items'].post.requestBody as any).content[
        'application/json'
      ].schema,
    ).toEqual({ $ref: '#/components/schemas/NewItem' });
  });

  it('describes answers as written and requests as senders may write them', () => {
    // Answers always carry a defaulted field; senders may leave it out.
    expect(document.components.schemas.Item.required).toEqual([
      'id',
      'colour',
      'size',
    ]);
    expect(document.components.schemas.NewItem.required).toEqual(['colour']);
  });

  it('marks errors, answers without a body, and who may call', () => {
    const add = document.paths['/items'].post;
    expect(add.responses).toEqual({
      204: { description: 'Added' },
      400: { $ref: '#/components/responses/Error' },
      401: { $ref: '#/components/responses/Error' },
    });
    expect(add.security).toEqual([]);
    expect(document.paths['/items'].get['x-callers']).toEqual([
      'user',
      'service',
    ]);
    expect(document.security).toEqual([{ backstageToken: [] }]);
  });

  it('lists the document itself', () => {
    expect(document.paths['/openapi.json'].get.operationId).toBe(
      'GetOpenApiDocument',
    );
  });
});
