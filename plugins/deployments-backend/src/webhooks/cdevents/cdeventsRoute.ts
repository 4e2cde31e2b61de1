import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { jsonBody, parseInput } from '@flightdeck/ingest-node';
import { NextFunction, Request, Response } from 'express';
import { DeploymentIngestor } from '../../service/DeploymentIngestor';
import {
  CDEvent,
  cdeventSchema,
  cloudEventBatchSchema,
  cloudEventSchema,
} from './cdevent';
import { CDEventTranslator } from './CDEventTranslator';

/** A batch of 1,000 CloudEvents of about 1 KB each, with room to spare. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface CDEventsRouteOptions {
  httpAuth: HttpAuthService;
  translator: CDEventTranslator;
  ingestor: DeploymentIngestor;
}

/**
 * `POST /webhooks/cdevents`: CDEvents service events as CloudEvents in
 * structured mode (one event, or a JSON array as
 * `application/cloudevents-batch+json`), or a bare CDEvent as sent in HTTP
 * binary mode. Callers authenticate with an external-access token.
 */
export function cdeventsRoute(options: CDEventsRouteOptions) {
  const { httpAuth, translator, ingestor } = options;

  const authenticate = async (
    req: Request,
    _res: Response,
    next: NextFunction,
  ) => {
    try {
      await httpAuth.credentials(req, { allow: ['service'] });
      next();
    } catch (error) {
      next(error);
    }
  };

  const handle = async (req: Request, res: Response) => {
    const { cdevents, pathOf } = cdeventsOf(req.body);
    const events = await translator.translateAll(cdevents, pathOf);
    res.json(await ingestor.ingest(events));
  };

  return [authenticate, jsonBody({ limitBytes: MAX_BODY_BYTES }), handle];
}

function cdeventsOf(body: unknown): {
  cdevents: CDEvent[];
  pathOf: (index: number) => string;
} {
  if (Array.isArray(body)) {
    const batch = parseInput(cloudEventBatchSchema, body, 'CloudEvents batch');
    batch.forEach((ce, i) => checkTypesAgree(ce, `[${i}].`));
    return { cdevents: batch.map(ce => ce.data), pathOf: i => `[${i}].data.` };
  }
  if (body && typeof body === 'object' && 'specversion' in body) {
    const ce = parseInput(cloudEventSchema, body, 'CloudEvent');
    checkTypesAgree(ce, '');
    return { cdevents: [ce.data], pathOf: () => 'data.' };
  }
  if (body && typeof body === 'object' && 'context' in body) {
    return {
      cdevents: [parseInput(cdeventSchema, body, 'CDEvent')],
      pathOf: () => '',
    };
  }
  throw new InputError(
    'Expected a CloudEvent in structured mode (with specversion), an array of them, or a CDEvent (with context and subject)',
  );
}

/** The CDEvents binding repeats the CDEvent's type in the CloudEvent. */
function checkTypesAgree(
  ce: { type: string; data: CDEvent },
  where: string,
): void {
  if (ce.type !== ce.data.context.type) {
    throw new InputError(
      `${where}type: '${ce.type}' differs from data.context.type '${ce.data.context.type}'`,
    );
  }
}
