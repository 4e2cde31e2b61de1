import { z } from 'zod';

/**
 * What a Backstage backend answers when it refuses a request (its error
 * middleware writes it); `error.message` names the problem.
 *
 * @public
 */
export const errorBodySchema = z.object({
  error: z.object({
    name: z.string().describe('The error class, e.g. InputError'),
    message: z.string(),
  }),
  request: z.object({ method: z.string(), url: z.string() }).optional(),
  response: z.object({ statusCode: z.number().int() }).optional(),
});
