import {
  buildDeploymentEvent,
  DeploymentArguments,
} from './buildDeploymentEvent';
import { ciDefaultsFrom } from './ciEnvironment';

const now = new Date('2026-11-20T10:05:00.000Z');
const args: DeploymentArguments = {
  service: 'payments-api',
  environment: 'production',
  version: '2.4.1',
  status: 'succeeded',
  changes: [],
  steps: [],
};

const github = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SHA: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  GITHUB_ACTOR: 'priya-raman',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'skyhop/payments-api',
  GITHUB_RUN_ID: '8812345',
  GITHUB_RUN_ATTEMPT: '1',
};

const gitlab = {
  GITLAB_CI: 'true',
  CI_COMMIT_SHA: 'f00dbabe1234567',
  GITLAB_USER_LOGIN: 'tomas',
  CI_JOB_URL: 'https://gitlab.example/skyhop/booking/-/jobs/77',
  CI_PIPELINE_ID: '4242',
};

describe('buildDeploymentEvent', () => {
  it('finishes a final status now and starts it then too, unless told', () => {
    const event = buildDeploymentEvent(args, {}, now);
    expect(event).toMatchObject({
      service: 'payments-api',
      startedAt: '2026-11-20T10:05:00.000Z',
      finishedAt: '2026-11-20T10:05:00.000Z',
    });

    const timed = buildDeploymentEvent(
      { ...args, startedAt: '2026-11-20T10:00:00Z' },
      {},
      now,
    );
    expect(timed.startedAt).toBe('2026-11-20T10:00:00Z');
    expect(timed.finishedAt).toBe('2026-11-20T10:05:00.000Z');
  });

  it('leaves a started deployment unfinished', () => {
    const event = buildDeploymentEvent({ ...args, status: 'started' }, {}, now);
    expect(event.startedAt).toBe('2026-11-20T10:05:00.000Z');
    expect(event).not.toHaveProperty('finishedAt');
  });

  it('starts at the given finish time when only that is given', () => {
    const event = buildDeploymentEvent(
      { ...args, finishedAt: '2026-11-20T09:30:00Z' },
      {},
      now,
    );
    expect(event.startedAt).toBe('2026-11-20T09:30:00Z');
  });

  it('sends an entity ref as entityRef and a bare name as service', () => {
    const event = buildDeploymentEvent(
      { ...args, service: 'component:default/payments-api' },
      {},
      now,
    );
    expect(event.entityRef).toBe('component:default/payments-api');
    expect(event).not.toHaveProperty('service');
  });

  it('fills commit, actor, run URL and deployment id from GitHub Actions', () => {
    const event = buildDeploymentEvent(args, ciDefaultsFrom(github), now);
    expect(event).toMatchObject({
      commitSha: github.GITHUB_SHA,
      actor: 'priya-raman',
      url: 'https://github.com/skyhop/payments-api/actions/runs/8812345',
      deploymentId: 'gha-8812345',
    });
  });

  it('fills them from GitLab CI', () => {
    const event = buildDeploymentEvent(args, ciDefaultsFrom(gitlab), now);
    expect(event).toMatchObject({
      commitSha: 'f00dbabe1234567',
      actor: 'tomas',
      url: 'https://gitlab.example/skyhop/booking/-/jobs/77',
      deploymentId: 'gl-4242',
    });
  });

  it('takes nothing from the environment outside a known CI system', () => {
    expect(ciDefaultsFrom({ GITHUB_SHA: github.GITHUB_SHA })).toEqual({});
  });

  it('prefers the arguments to what CI says', () => {
    const given = {
      commit: 'abcdef1',
      actor: 'release-bot',
      url: 'https://ci.example/run/1',
      deploymentId: 'release-77',
    };
    const event = buildDeploymentEvent(
      { ...args, ...given },
      ciDefaultsFrom(github),
      now,
    );
    const { commit, ...sameName } = given;
    expect(event).toMatchObject({ commitSha: commit, ...sameName });
  });

  describe('the default idempotency key', () => {
    const later = new Date(now.getTime() + 60_000);
    const keyOf = (a: DeploymentArguments, at: Date, env = github) =>
      buildDeploymentEvent(a, ciDefaultsFrom(env), at).idempotencyKey;

    it('is the same when the same CI step runs again later', () => {
      expect(keyOf(args, later)).toBe(keyOf(args, now));
    });

    it('differs by status, environment, service and rollout steps', () => {
      const key = keyOf(args, now);
      expect(keyOf({ ...args, status: 'failed' }, now)).not.toBe(key);
      expect(keyOf({ ...args, environment: 'staging' }, now)).not.toBe(key);
      expect(keyOf({ ...args, service: 'booking-service' }, now)).not.toBe(key);
      const canary = (status: 'running' | 'succeeded') => ({
        ...args,
        status: 'started' as const,
        steps: [{ name: 'canary', weight: 10, status }],
      });
      expect(keyOf(canary('running'), now)).not.toBe(
        keyOf(canary('succeeded'), now),
      );
    });

    it('differs between CI runs', () => {
      expect(
        keyOf(args, now, { ...github, GITHUB_RUN_ID: '8812346' }),
      ).not.toBe(keyOf(args, now));
    });

    it('gives way to --idempotency-key', () => {
      expect(keyOf({ ...args, idempotencyKey: 'mine-1' }, now)).toBe('mine-1');
    });
  });
});
