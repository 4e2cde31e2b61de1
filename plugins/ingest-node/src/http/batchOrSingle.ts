import { z } from 'zod';
import { parseInput } from './parseInput';

/**
 * The events of an ingestion body that is either one event or a batch
 * `{ "events": [...] }`. Each form is checked against its own schema, so
 * that an error names the field as the sender wrote it:
 * `Invalid deployment events: events[2].status: ...`.
 *
 * @public
 */
export function parseBatchOrSingle<Event>(
  body: unknown,
  schemas: {
    single: z.ZodType<Event>;
    batch: z.ZodType<{ events: Event[] }>;
    /** What one event is called in errors, e.g. `deployment event`. */
    name: string;
  },
): Event[] {
  if (body && typeof body === 'object' && 'events' in body) {
    return parseInput(schemas.batch, body, `${schemas.name}s`).events;
  }
  return [parseInput(schemas.single, body, schemas.name)];
}
