import { z } from 'zod';
import { errorBodySchema } from '../errorBody';
import { ApiContract } from './ApiContract';
import { EndpointSpec } from './Endpoint';
import { OPEN_API_PATH } from './openApiPath';

/** A JSON value of the document. @public */
export type OpenApiNode = { [key: string]: unknown };

/** An OpenAPI 3.0 document, as {@link openApiDocument} generates it. @public */
export interface OpenApiDocument {
  openapi: '3.0.3';
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string }>;
  security: Array<Record<string, string[]>>;
  paths: Record<string, Record<string, OpenApiNode>>;
  components: {
    schemas: Record<string, OpenApiNode>;
    responses: Record<string, OpenApiNode>;
    securitySchemes: Record<string, OpenApiNode>;
  };
}

const SCHEMA_REF = '#/components/schemas/';

const ERROR_SCHEMA = 'Error';

/** A part of an endpoint that is not a named schema, generated under a temporary id. */
const partId = (endpoint: EndpointSpec, part: string) =>
  `${endpoint.operationId}~${part}`;
const isPartId = (id: string) => id.includes('~');

type Io = 'input' | 'output';

/**
 * The schemas of one direction (requests are read as `input`, answers
 * written as `output`, which differ in defaults), named ones and the
 * endpoints' own parts, each as JSON Schema whose references point at
 * `#/components/schemas/<name>`.
 */
function generate(
  named: Readonly<Record<string, z.ZodType>>,
  parts: Map<string, z.ZodType>,
  io: Io,
): Record<string, OpenApiNode> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of [...Object.entries(named), ...parts]) {
    if (!registry.has(schema)) registry.add(schema, { id });
  }
  const { schemas } = z.toJSONSchema(registry, {
    io,
    target: 'openapi-3.0',
    unrepresentable: 'any',
    uri: id => `${SCHEMA_REF}${id}`,
  });
  // A part that is also a named schema was registered under its name.
  const byId: Record<string, OpenApiNode> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    byId[id] = tidy(schema) as OpenApiNode;
  }
  for (const [id, schema] of parts) {
    const name = registry.get(schema)?.id;
    if (name !== id) byId[id] = { $ref: `${SCHEMA_REF}${name}` };
  }
  return byId;
}

/** Drops what OpenAPI readers do not need: ids, and date-time regexes. */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (!node || typeof node !== 'object') return node;
  const { allOf, ...rest } = node as OpenApiNode;
  // A lone reference is wrapped in allOf wherever OpenAPI 3.0 would not
  // allow siblings next to it; without siblings it needs no wrapper.
  if (Array.isArray(allOf) && allOf.length === 1 && !Object.keys(rest).length) {
    return tidy(allOf[0]);
  }
  const out: OpenApiNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$id' || key === '$schema') continue;
    if (key === 'pattern' && (node as OpenApiNode).format === 'date-time') {
      continue;
    }
    out[key] = tidy(value);
  }
  return out;
}

/** Replaces references to endpoint parts by the parts themselves. */
function inlineParts(
  node: unknown,
  schemas: Record<string, OpenApiNode>,
): unknown {
  if (Array.isArray(node)) return node.map(n => inlineParts(n, schemas));
  if (!node || typeof node !== 'object') return node;
  const ref = (node as OpenApiNode).$ref;
  if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF)) {
    const id = ref.slice(SCHEMA_REF.length);
    if (isPartId(id)) return inlineParts(schemas[id], schemas);
  }
  const out: OpenApiNode = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = inlineParts(value, schemas);
  }
  return out;
}

/** The named schemas a node refers to, directly or through other named ones. */
function namedReferences(
  node: unknown,
  schemas: Record<string, OpenApiNode>,
  found = new Set<string>(),
): Set<string> {
  if (Array.isArray(node)) {
    node.forEach(n => namedReferences(n, schemas, found));
  } else if (node && typeof node === 'object') {
    const ref = (node as OpenApiNode).$ref;
    if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF)) {
      const id = ref.slice(SCHEMA_REF.length);
      if (!found.has(id)) {
        if (!isPartId(id)) found.add(id);
        namedReferences(schemas[id], schemas, found);
      }
    }
    Object.values(node).forEach(n => namedReferences(n, schemas, found));
  }
  return found;
}

function parameters(
  where: 'path' | 'query' | 'header',
  schema: unknown,
): OpenApiNode[] {
  const object = (schema ?? {}) as {
    properties?: Record<string, OpenApiNode>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (object.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/**
 * The OpenAPI 3.0 document of a contract: every endpoint with its
 * parameters, body, answers and errors, and the named schemas as
 * components.
 *
 * @public
 */
export function openApiDocument(contract: ApiContract): OpenApiDocument {
  const named = { ...contract.schemas, [ERROR_SCHEMA]: errorBodySchema };
  const requestParts = new Map<string, z.ZodType>();
  const answerParts = new Map<string, z.ZodType>();
  for (const endpoint of Object.values(contract.endpoints)) {
    for (const part of ['params', 'query', 'headers'] as const) {
      const schema = endpoint[part];
      if (schema) requestParts.set(partId(endpoint, part), schema);
    }
    for (const [type, schema] of Object.entries(endpoint.body?.content ?? {})) {
      requestParts.set(partId(endpoint, type), schema);
    }
    for (const [status, answer] of Object.entries(endpoint.answers)) {
      if (answer.schema)
        answerParts.set(partId(endpoint, status), answer.schema);
    }
  }
  const requests = generate(named, requestParts, 'input');
  const answers = generate(named, answerParts, 'output');
  const schemaOf = (id: string, io: Io) =>
    io === 'input'
      ? inlineParts(requests[id], requests)
      : inlineParts(answers[id], answers);

  const paths: OpenApiDocument['paths'] = {};
  for (const endpoint of Object.values(contract.endpoints)) {
    const responses: OpenApiNode = {};
    for (const [status, answer] of Object.entries(endpoint.answers)) {
      responses[status] = {
        description: answer.description,
        ...(answer.schema
          ? {
              content: {
                'application/json': {
                  schema: schemaOf(partId(endpoint, status), 'output'),
                },
              },
            }
          : {}),
      };
    }
    for (const status of endpoint.errors) {
      responses[status] = { $ref: '#/components/responses/Error' };
    }
    const operation: OpenApiNode = {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      ...(endpoint.auth === 'signed-body'
        ? { security: [] }
        : { 'x-callers': [...endpoint.auth] }),
      parameters: [
        ...parameters('path', schemaOf(partId(endpoint, 'params'), 'input')),
        ...parameters('query', schemaOf(partId(endpoint, 'query'), 'input')),
        ...parameters('header', schemaOf(partId(endpoint, 'headers'), 'input')),
      ],
      ...(endpoint.body
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                Object.keys(endpoint.body.content).map(type => [
                  type,
                  { schema: schemaOf(partId(endpoint, type), 'input') },
                ]),
              ),
            },
          }
        : {}),
      responses,
    };
    if ((operation.parameters as unknown[]).length === 0) {
      delete operation.parameters;
    }
    paths[endpoint.path] ??= {};
    paths[endpoint.path][endpoint.method.toLowerCase()] = operation;
  }

  paths[OPEN_API_PATH] = {
    get: {
      operationId: 'GetOpenApiDocument',
      summary: 'This document, generated from the same contract as the routes.',
      'x-callers': ['user', 'service'],
      responses: {
        200: {
          description: 'The OpenAPI document.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        401: { $ref: '#/components/responses/Error' },
      },
    },
  };

  // A named schema answers carry is described as answers look; one only
  // requests carry, as senders may write it (with its defaults optional).
  const inAnswers = namedReferences(
    [...answerParts.keys()].map(id => answers[id]),
    answers,
  );
  const inRequests = namedReferences(
    [...requestParts.keys()].map(id => requests[id]),
    requests,
  );
  const schemas: Record<string, OpenApiNode> = {};
  for (const name of Object.keys(named).sort()) {
    if (inAnswers.has(name) || name === ERROR_SCHEMA) {
      schemas[name] = answers[name];
    } else if (inRequests.has(name)) {
      schemas[name] = requests[name];
    }
  }

  return {
    openapi: '3.0.3',
    info: {
      title: contract.title,
      version: contract.version,
      description: contract.description,
    },
    servers: [{ url: `/api/${contract.pluginId}` }],
    security: [{ backstageToken: [] }],
    paths,
    components: {
      schemas,
      responses: {
        Error: {
          description:
            'The request was refused; the message names the problem.',
          content: {
            'application/json': {
              schema: { $ref: `${SCHEMA_REF}${ERROR_SCHEMA}` },
            },
          },
        },
      },
      securitySchemes: {
        backstageToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            "A Backstage token: a signed-in user's, another plugin's, or an external-access token of a CI system",
        },
      },
    },
  };
}
