// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments', table => {
    table.comment('One row per deployment of a service to an environment');
    table.string('id', 36).primary().comment('Flightdeck id (UUID)');
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable().comment('Owner when ingested');
    table.string('environment', 64).notNullable();
    table
      .string('deployment_key', 255)
      .notNullable()
      .comment('Ties the events of one deployment together');
    table.string('version', 128).notNullable();
    table.string('status', 16).notNullable();
    table.string('strategy', 16).notNullable();
    table.string('started_at', 32).notNullable().comment('ISO 8601, UTC');
    table.string('finished_at', 32).nullable().comment('ISO 8601, UTC');
    table.string('commit_sha', 64).nullable();
    table.text('url').nullable();
    table.string('actor', 255).nullable();
    table.text('steps').nullable().comment('JSON array of rollout steps');
    table.unique(['entity_ref', 'environment', 'deployment_key'], {
      indexName: 'deployments_identity_uq',
    });
    table.index(
      ['entity_ref', 'started_at', 'id'],
      'deployments_entity_started_idx',
    );
    table.index(
      ['environment', 'started_at', 'id'],
      'deployments_environment_started_idx',
    );
    table.index(['started_at', 'id'], 'deployments_started_idx');
  });

  await knex.schema.createTable('deployment_changes', table => {
    table.comment(
      'Commits shipped to an environment; lead time is fixed at the first successful deployment that contains them',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 64).notNullable();
    table.string('sha', 64).notNullable();
    table.string('committed_at', 32).notNullable();
    table.string('deployed_at', 32).notNullable();
    table.bigInteger('lead_time_seconds').notNullable();
    table.string('deployment_id', 36).notNullable();
    table.primary(['entity_ref', 'environment', 'sha']);
    table.index(
      ['environment', 'deployed_at'],
      'deployment_changes_deployed_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployment_changes');
  await knex.schema.dropTable('deployments');
};
