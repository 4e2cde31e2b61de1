// @ts-check

/**
 * Indexes for the read path at a million deployments. Each replaces a
 * narrower one, so ingestion maintains as many indexes as before.
 *
 * - The DORA aggregates find every column they read in the index (status,
 *   lead_time_seconds), so they never visit the table on SQLite, nor on
 *   PostgreSQL once a page is all-visible.
 * - One index on service and environment in date order serves the newest
 *   deployment per environment (with and without the status filter) and the
 *   restore lookup. Without it SQLite, which has no statistics, walked the
 *   environment index back in time until it met the service: seconds for a
 *   service that never deployed to an environment.
 */
const replacements = [
  {
    table: 'deployments',
    old: {
      name: 'deployments_environment_started_idx',
      columns: ['environment', 'started_at', 'id'],
    },
    new: {
      name: 'deployments_environment_started_status_idx',
      columns: ['environment', 'started_at', 'id', 'status'],
    },
  },
  {
    table: 'deployments',
    old: {
      name: 'deployments_owner_env_started_idx',
      columns: ['owner_ref', 'environment', 'started_at'],
    },
    new: {
      name: 'deployments_owner_env_started_status_idx',
      columns: ['owner_ref', 'environment', 'started_at', 'status'],
    },
  },
  {
    table: 'deployments',
    old: {
      name: 'deployments_entity_env_status_started_idx',
      columns: ['entity_ref', 'environment', 'status', 'started_at'],
    },
    new: {
      name: 'deployments_entity_env_started_idx',
      columns: [
        'entity_ref',
        'environment',
        'started_at',
        'id',
        'status',
        'finished_at',
      ],
    },
  },
  {
    table: 'deployment_changes',
    old: {
      name: 'deployment_changes_deployed_idx',
      columns: ['environment', 'deployed_at'],
    },
    new: {
      name: 'deployment_changes_deployed_lead_idx',
      columns: ['environment', 'deployed_at', 'lead_time_seconds'],
    },
  },
  {
    table: 'deployment_changes',
    old: {
      name: 'deployment_changes_owner_idx',
      columns: ['owner_ref', 'environment', 'deployed_at'],
    },
    new: {
      name: 'deployment_changes_owner_lead_idx',
      columns: ['owner_ref', 'environment', 'deployed_at', 'lead_time_seconds'],
    },
  },
  {
    table: 'deployment_changes',
    old: {
      name: 'deployment_changes_entity_idx',
      columns: ['entity_ref', 'environment', 'deployed_at'],
    },
    new: {
      name: 'deployment_changes_entity_lead_idx',
      columns: [
        'entity_ref',
        'environment',
        'deployed_at',
        'lead_time_seconds',
      ],
    },
  },
];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  for (const r of replacements) {
    await knex.schema.alterTable(r.table, table => {
      table.index(r.new.columns, r.new.name);
      table.dropIndex([], r.old.name);
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const r of [...replacements].reverse()) {
    await knex.schema.alterTable(r.table, table => {
      table.index(r.old.columns, r.old.name);
      table.dropIndex([], r.new.name);
    });
  }
};
