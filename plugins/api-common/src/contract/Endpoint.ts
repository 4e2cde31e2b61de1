import { z } from 'zod';

/** @public */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Whose Backstage credentials an endpoint takes: signed-in users, services
 * (other plugins, and CI systems with an external-access token), or none at
 * all because the sender signs the body instead (webhooks that cannot send a
 * Backstage token).
 *
 * @public
 */
export type EndpointAuth = ReadonlyArray<'user' | 'service'> | 'signed-body';

/** A successful answer of an endpoint. @public */
export interface EndpointAnswerSpec {
  description: string;
  /** The JSON body; an answer without one leaves it out. */
  schema?: z.ZodType;
}

/** What an endpoint reads from the request body. @public */
export interface EndpointBodySpec {
  /** The most bytes the route reads; a larger body is refused with 413. */
  limitBytes: number;
  /**
   * The schema per media type; most endpoints take `application/json` only.
   * Any JSON media type (`application/*+json`) reaches the handler, which
   * tells the forms apart.
   */
  content: Readonly<Record<string, z.ZodType>>;
}

/**
 * One HTTP endpoint of a plugin's API, described once: the backend binds its
 * handler to it, clients call it, and the OpenAPI document is generated from
 * it.
 *
 * @public
 */
export interface EndpointSpec {
  /** Unique in the API, PascalCase, e.g. `ListDeployments`. */
  operationId: string;
  method: HttpMethod;
  /** Relative to the plugin's base URL, parameters in braces: `/deployments/{id}`. */
  path: `/${string}`;
  summary: string;
  description?: string;
  auth: EndpointAuth;
  /** The path parameters, each a string schema. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Headers worth documenting, such as a webhook's signature. */
  headers?: z.ZodObject;
  body?: EndpointBodySpec;
  /** The successful answers by status. */
  answers: Readonly<Record<number, EndpointAnswerSpec>>;
  /** The statuses of the error answers the endpoint gives. */
  errors: readonly number[];
}

/**
 * Declares an endpoint, keeping its literal types so that handlers and
 * clients are typed from it.
 *
 * @public
 */
export function defineEndpoint<const E extends EndpointSpec>(spec: E): E {
  return spec;
}

type InputOf<S> = S extends z.ZodType ? z.input<S> : never;
type OutputOf<S> = S extends z.ZodType ? z.output<S> : never;

/** The path parameters a caller gives. @public */
export type EndpointParams<E extends EndpointSpec> = InputOf<E['params']>;

/** The query a caller sends, before defaults are applied. @public */
export type EndpointQuery<E extends EndpointSpec> = InputOf<E['query']>;

/** The query a handler receives, parsed. @public */
export type ParsedEndpointQuery<E extends EndpointSpec> = OutputOf<E['query']>;

/** Any body a caller may send, in any of the endpoint's media types. @public */
export type EndpointRequestBody<E extends EndpointSpec> = E['body'] extends {
  content: infer C;
}
  ? { [M in keyof C]: InputOf<C[M]> }[keyof C]
  : never;

/** The statuses of an endpoint's successful answers. @public */
export type EndpointStatus<E extends EndpointSpec> = keyof E['answers'] &
  number;

/** The body of one successful answer; `undefined` for one without a body. @public */
export type EndpointAnswer<
  E extends EndpointSpec,
  S extends EndpointStatus<E> = EndpointStatus<E>,
> = E['answers'][S] extends { schema: infer T } ? OutputOf<T> : undefined;

/** What a handler answers: a status of the endpoint and its body. @public */
export type EndpointReply<E extends EndpointSpec> = {
  [S in EndpointStatus<E>]: { status: S; body: EndpointAnswer<E, S> };
}[EndpointStatus<E>];
