import { AuditorServiceEvent } from '@backstage/backend-plugin-api';
import { assertError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';

/**
 * Runs an authorized mutation and closes its audit event: as done, with
 * what `metaOf` says about the outcome, or as failed with the error, which
 * is thrown on.
 *
 * @public
 */
export async function settleAudit<T>(
  audit: AuditorServiceEvent,
  work: () => Promise<T>,
  metaOf?: (outcome: T) => JsonObject,
): Promise<T> {
  let outcome: T;
  try {
    outcome = await work();
  } catch (error) {
    assertError(error);
    await audit.fail({ error });
    throw error;
  }
  await audit.success(metaOf ? { meta: metaOf(outcome) } : undefined);
  return outcome;
}
