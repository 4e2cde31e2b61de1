import { selectByTuples, tupleKey } from '@flightdeck/ingest-node';
import { Knex } from 'knex';

/** What names one deployment: service, environment and deployment key. */
export type DeploymentIdentity = readonly [string, string, string];

/** The columns of a deployment's identity, its unique key. */
export const DEPLOYMENT_IDENTITY = [
  'entity_ref',
  'environment',
  'deployment_key',
] as const;

/**
 * The stored deployments of `identities`, locked until `trx` ends, so that
 * what is merged into them is what a concurrent transaction committed, not
 * what it overwrites. On PostgreSQL the rows are locked in one statement,
 * sorted by identity, so that two batches naming the same deployments in
 * any order wait for each other instead of deadlocking. SQLite lets one transaction
 * write at a time, so a plain read is enough there.
 */
export async function lockDeployments<Row extends object>(
  trx: Knex.Transaction,
  identities: ReadonlyArray<DeploymentIdentity>,
): Promise<Map<string, Row>> {
  if (trx.client.dialect !== 'postgresql') {
    return selectByTuples<Row>(
      trx,
      'deployments',
      DEPLOYMENT_IDENTITY,
      identities,
    );
  }
  const column = (i: number) => identities.map(identity => identity[i]);
  const { rows } = await trx.raw(
    `select d.* from deployments d
       join unnest(?::text[], ?::text[], ?::text[]) as v(entity_ref, environment, deployment_key)
         using (entity_ref, environment, deployment_key)
      order by d.entity_ref, d.environment, d.deployment_key
        for update of d`,
    [column(0), column(1), column(2)],
  );
  return new Map(
    (rows as Row[]).map(row => {
      const values = row as Record<string, unknown>;
      return [tupleKey(DEPLOYMENT_IDENTITY.map(c => values[c])), row];
    }),
  );
}
