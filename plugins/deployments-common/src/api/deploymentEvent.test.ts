import {
  deploymentEventBatchSchema,
  deploymentEventSchema,
} from './deploymentEvent';

const valid = {
  entityRef: 'component:default/payments-api',
  environment: 'production',
  version: '2.4.1',
  status: 'succeeded',
  startedAt: '2026-11-20T10:00:00Z',
  finishedAt: '2026-11-20T10:04:30+00:00',
  commitSha: 'a1b2c3d',
  changes: [{ sha: 'a1b2c3d4e5', committedAt: '2026-11-19T16:20:00Z' }],
  url: 'https://github.com/skyhop/payments-api/actions/runs/1',
  idempotencyKey: 'gha-1-1',
};

const problemsOf = (value: unknown) => {
  const result = deploymentEventSchema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
};

describe('deploymentEventSchema', () => {
  it('accepts a complete event and fills in defaults', () => {
    const event = deploymentEventSchema.parse({ ...valid, changes: undefined });
    expect(event).toMatchObject({
      strategy: 'rolling',
      changes: [],
      steps: [],
    });
  });

  it('accepts a service name instead of an entity ref', () => {
    expect(
      problemsOf({ ...valid, entityRef: undefined, service: 'payments-api' }),
    ).toEqual([]);
  });

  it.each([
    [
      { entityRef: undefined },
      'entityRef: either entityRef or service is required',
    ],
    [{ status: 'done' }, 'status'],
    [
      { finishedAt: undefined },
      'finishedAt: required when the status is final',
    ],
    [
      { finishedAt: '2026-11-20T09:00:00Z' },
      'finishedAt: must not be before startedAt',
    ],
    [{ startedAt: 'yesterday' }, 'startedAt: expected an ISO 8601 timestamp'],
    [
      { commitSha: 'not-a-sha' },
      'commitSha: expected a hexadecimal commit SHA',
    ],
    // eslint-disable-next-line no-script-url -- the point of the test
    [{ url: 'javascript:alert(1)' }, 'url: expected an http(s) URL'],
    [{ idempotencyKey: '' }, 'idempotencyKey'],
    [{ surprise: true }, 'surprise'],
    [
      { steps: [{ name: 'canary', weight: 150, status: 'running' }] },
      'steps.0.weight',
    ],
  ])('rejects %j', (change, problem) => {
    expect(problemsOf({ ...valid, ...change }).join('\n')).toContain(problem);
  });

  it('lets a started event come without finishedAt', () => {
    expect(
      problemsOf({ ...valid, status: 'started', finishedAt: undefined }),
    ).toEqual([]);
  });
});

describe('deploymentEventBatchSchema', () => {
  it('takes 1 to 1,000 events', () => {
    expect(
      deploymentEventBatchSchema.safeParse({ events: [valid] }).success,
    ).toBe(true);
    expect(deploymentEventBatchSchema.safeParse({ events: [] }).success).toBe(
      false,
    );
    const tooMany = Array.from({ length: 1001 }, () => valid);
    expect(
      deploymentEventBatchSchema.safeParse({ events: tooMany }).success,
    ).toBe(false);
  });
});
