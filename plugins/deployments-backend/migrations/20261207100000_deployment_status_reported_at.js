// @ts-check

/**
 * When the source reported the status a deployment has (GitHub's
 * deployment_status.created_at), so that a report made earlier but delivered
 * later does not replace it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table
      .string('status_reported_at', 32)
      .nullable()
      .comment('ISO 8601, UTC: when the source reported the status');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('status_reported_at');
  });
};
