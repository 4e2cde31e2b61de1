import { mockServices } from '@backstage/backend-test-utils';
import { IdempotencyStore } from '@flightdeck/ingest-node';
import { Knex } from 'knex';
import { KnexDeploymentStore } from '../store/KnexDeploymentStore';

/** The store on a test database, migrated, as the plugin builds it. */
export async function testStore(knex: Knex): Promise<KnexDeploymentStore> {
  return KnexDeploymentStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
    idempotency: await IdempotencyStore.create({ knex }),
  });
}
