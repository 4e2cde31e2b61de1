import {
  AuditorService,
  AuditorServiceEvent,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { EndpointSpec } from '@flightdeck/api-common';
import { ErrorRequestHandler, Request, RequestHandler } from 'express';

/** `PostDeploymentEvents` → `post-deployment-events`, the auditor's event id form. */
export const auditEventIdOf = (endpoint: EndpointSpec) =>
  endpoint.operationId.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** Whether requests to the endpoint change something, and so are audited. */
export const isMutation = (endpoint: EndpointSpec) => endpoint.method !== 'GET';

/** The audit event each mutating request opened, until it is closed. */
const openEvents = new WeakMap<Request, AuditorServiceEvent>();

/**
 * Opens an audit event as a mutating request arrives, before its
 * credentials, signature or body are checked. The router closes it with the
 * answer: `auditSucceeded` once the handler has answered, `rememberFailure`
 * with the error answered instead. So refused attempts (401, 403, 413, 4xx)
 * leave a record as well as done ones, and a caller that goes away does not
 * decide how the work it started is recorded.
 */
export function auditRequest(
  endpoint: EndpointSpec,
  services: { auditor: AuditorService; httpAuth: HttpAuthService },
): RequestHandler {
  const eventId = auditEventIdOf(endpoint);
  return async (req, _res, next) => {
    // The auditor names the caller from the request's credentials, and
    // throws on a token it cannot verify: such a caller is recorded as what
    // it is instead.
    const verifiable = await services.httpAuth.credentials(req).then(
      () => true,
      () => false,
    );
    const audit = await services.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: verifiable ? req : undefined,
      meta: verifiable
        ? { operationId: endpoint.operationId }
        : {
            operationId: endpoint.operationId,
            caller: 'unverifiable credentials',
            ip: req.ip ?? null,
            method: req.method,
            url: req.originalUrl,
          },
    });
    openEvents.set(req, audit);
    next();
  };
}

/** Closes the request's audit event, if it opened one, as succeeded. */
export async function auditSucceeded(req: Request, status: number) {
  const audit = openEvents.get(req);
  openEvents.delete(req);
  await audit?.success({ meta: { status } });
}

/** Closes the request's audit event, if it opened one, with the error answered. */
export const rememberFailure: ErrorRequestHandler = (err, req, _res, next) => {
  const audit = openEvents.get(req);
  openEvents.delete(req);
  const error = err instanceof Error ? err : new Error(String(err));
  // The error is answered whatever the auditor makes of it.
  Promise.resolve(audit?.fail({ error }))
    .catch(() => undefined)
    .then(() => next(err));
};
