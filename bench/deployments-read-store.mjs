// The deployments plugin's own read path, in this process and without HTTP:
// its store and DORA calculator, loaded from source with the backend's
// TypeScript transform, on the bench's database connection. Timing it next
// to the API and the hand-written SQL separates what the query layer costs
// from what every authenticated HTTP request costs.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(`${root}packages/backend/package.json`);

export async function pluginReadPath(knex) {
  process.env.ESBK_TSCONFIG_PATH ??= `${root}tsconfig.json`;
  require(require.resolve('@backstage/cli-node/config/nodeTransform.cjs'));
  const source = path =>
    require(`${root}plugins/deployments-backend/src/${path}`);
  const { KnexDeploymentStore } = source('store/KnexDeploymentStore.ts');
  const { KnexDoraReadModel } = source('dora/KnexDoraReadModel.ts');
  const { DoraCalculator } = source('dora/DoraCalculator.ts');
  const {
    IdempotencyStore,
  } = require(`${root}plugins/ingest-node/src/idempotency/IdempotencyStore.ts`);

  // The portal under benchmark has already migrated this database.
  const database = { getClient: async () => knex, migrations: { skip: true } };
  const store = await KnexDeploymentStore.create({
    database,
    idempotency: await IdempotencyStore.create({ knex, skipMigrations: true }),
  });
  const readModel = await KnexDoraReadModel.create(database);
  const dora = new DoraCalculator(readModel, [readModel]);
  return {
    page: entityRef => store.list({ entityRef, limit: 50 }),
    environmentStates: (entityRef, environments) =>
      store.environmentStates(entityRef, environments),
    dora: scope => dora.compute(scope),
  };
}
