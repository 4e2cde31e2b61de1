import { InputError } from '@backstage/errors';
import { parseInput } from '@flightdeck/ingest-node';
import {
  CDEvent,
  cdeventSchema,
  cloudEventBatchSchema,
  cloudEventSchema,
} from '@flightdeck/plugin-deployments-common';
import { DeploymentIngestor } from '../../ingestion/DeploymentIngestor';
import { DeploymentsRouter, endpoints } from '../../router/DeploymentsRouter';
import { CDEventTranslator } from './CDEventTranslator';

/**
 * `POST /webhooks/cdevents`: CDEvents service events as CloudEvents in
 * structured mode (one event, or a JSON array as
 * `application/cloudevents-batch+json`), or a bare CDEvent as sent in HTTP
 * binary mode. Callers authenticate with an external-access token.
 */
export function bindCDEventsEndpoint(
  router: DeploymentsRouter,
  deps: { translator: CDEventTranslator; ingestor: DeploymentIngestor },
) {
  const { translator, ingestor } = deps;
  router.bind(endpoints.cdevents, async ({ req }) => {
    const { cdevents, pathOf } = cdeventsOf(req.body);
    const events = await translator.translateAll(cdevents, pathOf);
    return { status: 200, body: await ingestor.ingest(events) };
  });
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
