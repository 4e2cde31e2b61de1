import { z } from 'zod';

/**
 * An environment services are deployed to, from config
 * `flightdeck.environments`, in promotion order.
 *
 * @public
 */
export const environmentSchema = z.object({
  name: z.string(),
  /** Whether this is the production environment; exactly one is. */
  production: z.boolean(),
});

/** @public */
export type Environment = z.output<typeof environmentSchema>;
