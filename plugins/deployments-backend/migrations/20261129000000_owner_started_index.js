// @ts-check

/**
 * The organisation's Deployments page lists a team's deployments across all
 * environments, newest first; this index serves that order without sorting
 * every deployment the team ever made.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.index(
      ['owner_ref', 'started_at', 'id'],
      'deployments_owner_started_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropIndex([], 'deployments_owner_started_idx');
  });
};
