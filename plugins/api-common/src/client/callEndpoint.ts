import { ResponseError } from '@backstage/errors';
import {
  EndpointAnswer,
  EndpointParams,
  EndpointQuery,
  EndpointRequestBody,
  EndpointSpec,
} from '../contract/Endpoint';
import { requestPath } from '../contract/requestPath';

/** One call of an endpoint, typed from it. @public */
export type EndpointCall<E extends EndpointSpec> = {
  /** `fetchApi.fetch` in the browser; a fetch that adds a token elsewhere. */
  fetch: typeof fetch;
  /** The plugin's base URL, from the discovery service. */
  baseUrl: string;
  endpoint: E;
  headers?: Record<string, string>;
  signal?: AbortSignal;
} & (E['params'] extends object
  ? { params: EndpointParams<E> }
  : { params?: undefined }) &
  (E['query'] extends object
    ? { query?: EndpointQuery<E> }
    : { query?: undefined }) &
  (E['body'] extends object
    ? { body: EndpointRequestBody<E> }
    : { body?: undefined });

/**
 * Calls an endpoint and answers its JSON body, or throws a `ResponseError`
 * carrying the backend's own error (its message names the problem).
 *
 * @public
 */
export async function callEndpoint<E extends EndpointSpec>(
  call: EndpointCall<E>,
): Promise<EndpointAnswer<E>> {
  const { endpoint } = call;
  const url = `${call.baseUrl}${requestPath(
    endpoint,
    call.params as Record<string, string> | undefined,
    call.query as Parameters<typeof requestPath>[2],
  )}`;
  // Called unbound: a browser's own fetch refuses any other `this`.
  const send = call.fetch;
  const response = await send(url, {
    method: endpoint.method,
    headers: {
      ...(call.body !== undefined
        ? { 'Content-Type': 'application/json' }
        : {}),
      ...call.headers,
    },
    body: call.body !== undefined ? JSON.stringify(call.body) : undefined,
    signal: call.signal,
  });
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as EndpointAnswer<E>;
}
