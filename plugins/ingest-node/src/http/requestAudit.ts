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

const failures = new WeakMap<Request, Error>();

/**
 * Opens an audit event as a mutating request arrives, before its
 * credentials, signature or body are checked, and closes it with the answer:
 * succeeded below 400, failed otherwise, with the error that was answered.
 * So refused attempts (401, 403, 413, 4xx) leave a record as well as done
 * ones.
 */
export function auditRequest(
  endpoint: EndpointSpec,
  services: { auditor: AuditorService; httpAuth: HttpAuthService },
): RequestHandler {
  const eventId = auditEventIdOf(endpoint);
  return async (req, res, next) => {
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
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      void closeAudit(audit, res.statusCode, res.writableFinished, req);
    };
    res.once('finish', settle);
    res.once('close', settle);
    next();
  };
}

async function closeAudit(
  audit: AuditorServiceEvent,
  status: number,
  answered: boolean,
  req: Request,
) {
  if (answered && status < 400) {
    await audit.success({ meta: { status } });
    return;
  }
  const error =
    failures.get(req) ??
    new Error(
      answered
        ? `Answered ${status}`
        : 'The caller went away before the answer',
    );
  await audit.fail({ error, meta: { status } });
}

/** Remembers the error a request is answered with, for its audit event. */
export const rememberFailure: ErrorRequestHandler = (err, req, _res, next) => {
  if (err instanceof Error) failures.set(req, err);
  next(err);
};
