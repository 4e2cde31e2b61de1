// @ts-check

/**
 * Indexes for DORA aggregates: per team (owner), and the "next successful
 * deployment" lookup that measures time to restore.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.index(
      ['owner_ref', 'environment', 'started_at'],
      'deployments_owner_env_started_idx',
    );
    table.index(
      ['entity_ref', 'environment', 'status', 'started_at'],
      'deployments_entity_env_status_started_idx',
    );
  });
  await knex.schema.alterTable('deployment_changes', table => {
    table.string('owner_ref', 255).nullable();
    table.index(
      ['owner_ref', 'environment', 'deployed_at'],
      'deployment_changes_owner_idx',
    );
    table.index(
      ['entity_ref', 'environment', 'deployed_at'],
      'deployment_changes_entity_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployment_changes', table => {
    table.dropIndex([], 'deployment_changes_entity_idx');
    table.dropIndex([], 'deployment_changes_owner_idx');
    table.dropColumn('owner_ref');
  });
  await knex.schema.alterTable('deployments', table => {
    table.dropIndex([], 'deployments_entity_env_status_started_idx');
    table.dropIndex([], 'deployments_owner_env_started_idx');
  });
};
