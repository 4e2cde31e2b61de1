import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  ApiContract,
  EndpointReply,
  EndpointSpec,
  OPEN_API_PATH,
  openApiDocument,
} from '@flightdeck/api-common';
import express, { Request, RequestHandler, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { jsonBody } from './jsonBody';
import { parseInput } from './parseInput';
import {
  auditRequest,
  auditSucceeded,
  isMutation,
  rememberFailure,
} from './requestAudit';

type PrincipalOf<Caller> = Caller extends 'user'
  ? BackstageUserPrincipal
  : Caller extends 'service'
  ? BackstageServicePrincipal
  : never;

/** The credentials a handler of `E` receives; none for a signed body. @public */
export type EndpointCredentials<E extends EndpointSpec> =
  E['auth'] extends ReadonlyArray<infer Caller>
    ? BackstageCredentials<PrincipalOf<Caller>>
    : undefined;

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the request, checked against its endpoint. @public */
export interface EndpointContext<E extends EndpointSpec> {
  req: Request;
  res: Response;
  credentials: EndpointCredentials<E>;
  params: Parsed<E['params']>;
  query: Parsed<E['query']>;
}

/**
 * Handles one endpoint: parses the body, authorizes, calls a service and
 * maps its answer to one of the endpoint's statuses.
 *
 * @public
 */
export type EndpointHandler<E extends EndpointSpec> = (
  context: EndpointContext<E>,
) => Promise<EndpointReply<E>>;

/** How an endpoint's route reads its body, when not as plain JSON. @public */
export interface BindOptions {
  /** Reads the body instead of `jsonBody` with the endpoint's limit, e.g. `signedJsonBody`. */
  readBody?: RequestHandler;
}

const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** The credentials each request was let in with. */
const checkedCredentials = new WeakMap<Request, BackstageCredentials>();

/** What a contract router checks credentials and audits with. @public */
export interface ContractRouterServices {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
}

/**
 * An express router built from a contract, one endpoint at a time. Each
 * bound route audits a mutation from the moment it arrives (see
 * `auditRequest`), checks the caller's credentials as the endpoint says, reads
 * the body within its limit, parses the path and query parameters into 400
 * errors naming the field, then runs the handler and answers its status.
 * `build()` refuses a contract with an endpoint left unbound, so the routes
 * served and the API described are the same by construction; it also serves
 * the OpenAPI document at `/openapi.json`.
 *
 * @public
 */
export class ContractRouter<C extends ApiContract> {
  private readonly router = Router();
  private readonly bound = new Set<EndpointSpec>();

  constructor(
    private readonly contract: C,
    private readonly services: ContractRouterServices,
  ) {}

  bind<E extends C['endpoints'][keyof C['endpoints']]>(
    endpoint: E,
    handler: NoInfer<EndpointHandler<E>>,
    options: BindOptions = {},
  ): this {
    if (!Object.values(this.contract.endpoints).includes(endpoint)) {
      throw new Error(
        `${endpoint.operationId} is not an endpoint of the ${this.contract.pluginId} API`,
      );
    }
    if (this.bound.has(endpoint)) {
      throw new Error(`${endpoint.operationId} is bound twice`);
    }
    this.bound.add(endpoint);

    const steps: RequestHandler[] = [];
    if (isMutation(endpoint)) {
      steps.push(auditRequest(endpoint, this.services));
    }
    const { auth, body } = endpoint;
    if (auth !== 'signed-body') {
      // Checked before the body is read: strangers learn nothing of the parser.
      steps.push(async (req, _res, next) => {
        checkedCredentials.set(
          req,
          await this.services.httpAuth.credentials(req, { allow: [...auth] }),
        );
        next();
      });
    }
    if (body) {
      steps.push(options.readBody ?? jsonBody({ limitBytes: body.limitBytes }));
    }
    const route = async (req: Request, res: Response) => {
      const reply = await handler({
        req,
        res,
        credentials: checkedCredentials.get(req) as EndpointCredentials<E>,
        params: (endpoint.params
          ? parseInput(endpoint.params, req.params, 'path')
          : undefined) as Parsed<E['params']>,
        query: (endpoint.query
          ? parseInput(endpoint.query, req.query, 'query')
          : undefined) as Parsed<E['query']>,
      });
      res.status(reply.status);
      if (reply.body === undefined) {
        res.end();
      } else {
        res.json(reply.body);
      }
      await auditSucceeded(req, reply.status);
    };
    const method = endpoint.method.toLowerCase() as Lowercase<
      EndpointSpec['method']
    >;
    this.router[method](expressPath(endpoint.path), ...steps, route);
    return this;
  }

  /** The router, once every endpoint of the contract is bound. */
  build(): express.Router {
    const unbound = Object.values(this.contract.endpoints).filter(
      endpoint => !this.bound.has(endpoint),
    );
    if (unbound.length) {
      throw new Error(
        `The ${this.contract.pluginId} router leaves ${unbound
          .map(e => e.operationId)
          .join(', ')} unbound`,
      );
    }
    const document = openApiDocument(this.contract);
    this.router.get(OPEN_API_PATH, async (req, res) => {
      await this.services.httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json(document);
    });
    this.router.use(rememberFailure);
    return this.router;
  }
}

/**
 * The auth policies a plugin adds to its HTTP router. Backstage's own
 * barrier refuses a request without credentials before the plugin sees it;
 * the contract router checks credentials itself, so the barrier stands
 * aside for the endpoints whose body is signed (they have none) and for
 * mutations (so that a refused attempt reaches the router and is audited).
 * The barrier matches path prefixes: every route under these paths must be
 * a bound endpoint of the contract, which checks credentials as it says.
 *
 * @public
 */
export function authPoliciesOf(
  contract: ApiContract,
): Array<{ path: string; allow: 'unauthenticated' }> {
  const paths = Object.values(contract.endpoints)
    .filter(endpoint => endpoint.auth === 'signed-body' || isMutation(endpoint))
    .map(endpoint => expressPath(endpoint.path));
  return [...new Set(paths)].map(path => ({
    path,
    allow: 'unauthenticated' as const,
  }));
}
