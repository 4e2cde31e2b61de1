// @ts-check

/**
 * Keys of the events a feature backend has already accepted, so that a
 * retried or duplicated delivery changes nothing.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ingest_idempotency_keys', table => {
    table.comment('Idempotency keys of accepted events, one row per delivery');
    table
      .string('scope', 64)
      .notNullable()
      .comment('The route or event family');
    table.string('idempotency_key', 255).notNullable();
    table
      .timestamp('received_at', { useTz: true })
      .notNullable()
      .comment('When the key was first seen; old keys are purged');
    table.primary(['scope', 'idempotency_key']);
    table.index(['received_at'], 'ingest_idempotency_keys_received_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ingest_idempotency_keys');
};
