import { Deployment } from '@flightdeck/plugin-deployments-common';

/** Builders of API answers shaped as the backend sends them, for tests. */

export const deployment = (overrides: Partial<Deployment>): Deployment => ({
  id: Math.random().toString(36),
  entityRef: 'component:default/payments-api',
  environment: 'production',
  version: '2.4.0',
  status: 'succeeded',
  strategy: 'rolling',
  startedAt: '2026-11-20T10:00:00.000Z',
  finishedAt: '2026-11-20T10:04:30.000Z',
  durationSeconds: 270,
  steps: [],
  ...overrides,
});

export const doraMetrics = {
  scope: {
    entityRef: 'component:default/payments-api',
    environment: 'production',
    from: '2026-10-29T00:00:00.000Z',
    to: '2026-11-28T00:00:00.000Z',
  },
  deploymentFrequency: { total: 12, perDay: 0.4, level: 'high' },
  leadTime: {
    medianHours: 2,
    p90Hours: 30,
    changes: 40,
    excludedChanges: 0,
    level: 'elite',
  },
  changeFailureRate: 0.143,
  changeFailures: { failed: 2, total: 14, level: 'low' },
  timeToRestore: {
    medianHours: 0.5,
    restored: 2,
    unrestored: 0,
    level: 'elite',
  },
  level: 'low',
  series: [{ date: '2026-11-27', deployments: 1, failures: 0 }],
};
