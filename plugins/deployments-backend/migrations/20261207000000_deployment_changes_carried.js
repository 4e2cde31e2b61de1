// @ts-check

/**
 * The commits a deployment carries, as its events reported them. A release
 * names them when it asks for the deploy, before the CD system reports the
 * outcome; lead times are fixed from them once the deployment succeeds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table
      .text('changes')
      .nullable()
      .comment('JSON array of { sha, committedAt } the deployment brings');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('changes');
  });
};
