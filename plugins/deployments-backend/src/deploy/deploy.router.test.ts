import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { signHmacSha256 } from '@flightdeck/ingest-node';
import request from 'supertest';
import { cdReceiver } from '../__testUtils__/cdReceiver';
import { startWithProvider } from '../__testUtils__/startWithProvider';

const priya = 'user:default/priya.raman';

describe('deploying from Flightdeck', () => {
  const cd = cdReceiver();

  async function start(
    permission:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) {
    const started = await startWithProvider({
      cdUrl: cd.url,
      permission,
    });
    const { backend } = started;
    const deploy = (body: object, user = priya) =>
      request(backend.server)
        .post('/api/deployments/deployments')
        .set('Authorization', mockCredentials.user.header(user))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
    const get = (id: string) =>
      request(backend.server)
        .get(`/api/deployments/deployments/${id}`)
        .set('Authorization', mockCredentials.user.header());
    return { ...started, deploy, get };
  }

  const release = {
    entityRef: 'component:default/payments-api',
    environment: 'staging',
    version: 'v2.6.0',
    reason: 'Release v2.6.0',
  };

  it('records a started deployment, asks the CD system, and follows its report to the same deployment', async () => {
    const { backend, audit, auditor, deploy, get } = await start();
    const res = await deploy({
      ...release,
      commitSha: '9f8e7d6c5b4a',
      requestId: 'task-1',
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      provider: 'webhook',
      deployment: {
        entityRef: 'component:default/payments-api',
        environment: 'staging',
        version: 'v2.6.0',
        status: 'started',
        actor: priya,
        commitSha: '9f8e7d6c5b4a',
      },
    });

    const [{ headers, body }] = cd.received;
    expect(headers['x-flightdeck-signature-256']).toBe(
      signHmacSha256(
        `${headers['x-flightdeck-timestamp']}.${body}`,
        'cd-secret',
      ),
    );
    const sent = JSON.parse(body);
    expect(sent).toEqual({
      action: 'deploy',
      entityRef: 'component:default/payments-api',
      environment: 'staging',
      version: 'v2.6.0',
      deploymentId: expect.stringMatching(/^flightdeck-[0-9a-f]{32}$/),
      reason: 'Release v2.6.0',
      requestedBy: priya,
    });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'deploy',
        severityLevel: 'high',
        meta: expect.objectContaining({
          entityRef: 'component:default/payments-api',
          environment: 'staging',
          version: 'v2.6.0',
        }),
      }),
    );
    expect(audit.success).toHaveBeenCalledWith({
      meta: {
        deploymentId: res.body.deployment.id,
        provider: 'webhook',
        triggered: true,
      },
    });

    // The CD system reports under the id it was given.
    const report = await request(backend.server)
      .post('/api/deployments/events')
      .set('Authorization', mockCredentials.service.header())
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          entityRef: release.entityRef,
          environment: 'staging',
          version: 'v2.6.0',
          status: 'succeeded',
          deploymentId: sent.deploymentId,
          startedAt: res.body.deployment.startedAt,
          finishedAt: new Date().toISOString(),
          actor: 'github-actions[bot]',
          idempotencyKey: `${sent.deploymentId}:succeeded`,
        }),
      );
    expect(report.status).toBe(200);
    const followed = await get(res.body.deployment.id);
    // Who deployed is who asked, not the CD system's bot.
    expect(followed.body).toMatchObject({
      id: res.body.deployment.id,
      status: 'succeeded',
      actor: priya,
    });
    await backend.stop();
  });

  it('counts the commits a release names in lead time once the CD system reports success', async () => {
    const { backend, deploy } = await start();
    const committedAt = new Date(Date.now() - 3 * 3600_000).toISOString();
    const res = await deploy({
      ...release,
      environment: 'Production',
      changes: [{ sha: 'c0ffee1', committedAt }],
    });
    expect(res.status).toBe(202);
    expect(res.body.deployment.environment).toBe('production');
    const [{ body }] = cd.received;
    const report = await request(backend.server)
      .post('/api/deployments/events')
      .set('Authorization', mockCredentials.service.header())
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          entityRef: release.entityRef,
          environment: 'production',
          version: 'v2.6.0',
          status: 'succeeded',
          deploymentId: JSON.parse(body).deploymentId,
          startedAt: res.body.deployment.startedAt,
          finishedAt: new Date().toISOString(),
          idempotencyKey: 'cd-report-1',
        }),
      );
    expect(report.status).toBe(200);
    const dora = await request(backend.server)
      .get('/api/deployments/dora?entityRef=component:default/payments-api')
      .set('Authorization', mockCredentials.user.header());
    expect(dora.body.leadTime).toMatchObject({ changes: 1, medianHours: 3 });
    await backend.stop();
  });

  it('asks the permission deployments.deploy on the service', async () => {
    const { backend, deploy, permissions } = await start();
    await deploy(release);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({ name: 'deployments.deploy' }),
          resourceRef: 'component:default/payments-api',
        },
      ],
      expect.anything(),
    );
    await backend.stop();
  });

  it('deploys once for the same request sent twice at the same moment', async () => {
    const { backend, deploy } = await start();
    const answers = await Promise.all([
      deploy({ ...release, requestId: 'task-9' }),
      deploy({ ...release, requestId: 'task-9' }),
    ]);
    expect(answers.map(a => a.status).sort()).toEqual([200, 202]);
    expect(answers[0].body.deployment.id).toBe(answers[1].body.deployment.id);
    expect(cd.received).toHaveLength(1);
    await backend.stop();
  });

  it('keeps a request id to one service and environment', async () => {
    const { backend, deploy } = await start();
    const staging = await deploy({ ...release, requestId: 'task-5' });
    const production = await deploy({
      ...release,
      environment: 'production',
      requestId: 'task-5',
    });
    expect([staging.status, production.status]).toEqual([202, 202]);
    const ids = cd.received.map(r => JSON.parse(r.body).deploymentId);
    expect(new Set(ids).size).toBe(2);
    await backend.stop();
  });

  it('deploys once for a retried request', async () => {
    const { backend, deploy } = await start();
    const first = await deploy({ ...release, requestId: 'task-2' });
    const again = await deploy({ ...release, requestId: 'task-2' });
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body.deployment.id).toBe(first.body.deployment.id);
    expect(cd.received).toHaveLength(1);

    const other = await deploy({
      ...release,
      version: 'v2.7.0',
      requestId: 'task-2',
    });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toBe(
      "requestId 'task-2' was used for version v2.6.0, not v2.7.0",
    );
    await backend.stop();
  });

  it('records a deploy the CD system refused as cancelled, and answers 502', async () => {
    cd.status = 422;
    const { backend, audit, deploy } = await start();
    const res = await deploy({ ...release, requestId: 'task-3' });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({
      name: 'BadGatewayError',
      message:
        'The webhook provider refused the deploy; caused by Error: The deploy webhook answered 422 Unprocessable Entity',
    });
    expect(audit.fail).toHaveBeenCalled();
    const retry = await deploy({ ...release, requestId: 'task-3' });
    expect(retry.status).toBe(409);
    expect(retry.body.error.message).toContain(
      'was refused by the provider; send a new requestId to try again',
    );
    expect(cd.received).toHaveLength(1);
    const list = await request(backend.server)
      .get(
        '/api/deployments/deployments?entityRef=component:default/payments-api',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(list.body.items).toEqual([
      expect.objectContaining({ version: 'v2.6.0', status: 'cancelled' }),
    ]);
    await backend.stop();
  });

  it('answers 503 when the CD system is down or cannot be reached', async () => {
    cd.status = 503;
    const { backend, deploy } = await start();
    const down = await deploy({ ...release, requestId: 'task-4' });
    expect(down.status).toBe(503);
    expect(down.body.error.message).toBe(
      'The webhook provider is unavailable for the deploy; caused by Error: The deploy webhook answered 503 Service Unavailable',
    );
    await backend.stop();

    const unreachable = await startWithProvider({
      cdUrl: 'http://127.0.0.1:9/deploy',
      permission: AuthorizeResult.ALLOW,
    });
    const res = await request(unreachable.backend.server)
      .post('/api/deployments/deployments')
      .set('Authorization', mockCredentials.user.header(priya))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...release, requestId: 'task-5' }));
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /^The webhook provider could not be reached for the deploy; caused by /,
    );
    await unreachable.backend.stop();
  });

  it('refuses users who are neither owners nor admins, audits the attempt, and writes nothing', async () => {
    const { backend, deploy, auditor, audit } = await start(
      AuthorizeResult.DENY,
    );
    const res = await deploy(release);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Only the owners of component:default/payments-api and admins may deploy it',
    );
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'deploy' }),
    );
    expect(audit.fail).toHaveBeenCalledWith({
      error: expect.objectContaining({ name: 'NotAllowedError' }),
    });
    expect(audit.success).not.toHaveBeenCalled();
    expect(cd.received).toHaveLength(0);
    const list = await request(backend.server)
      .get('/api/deployments/deployments')
      .set('Authorization', mockCredentials.user.header());
    expect(list.body.items).toEqual([]);
    await backend.stop();
  });

  it('says before a release whether it can deploy, and what is missing', async () => {
    const { backend } = await start(AuthorizeResult.ALLOW);
    const support = (entityRef: string) =>
      request(backend.server)
        .get(`/api/deployments/deploy-support?entityRef=${entityRef}`)
        .set('Authorization', mockCredentials.user.header(priya));
    expect((await support('component:default/payments-api')).body).toEqual({
      allowed: true,
      provider: 'webhook',
      missing: null,
    });
    const none = await support('component:default/fraud-detector');
    expect(none.body).toMatchObject({ allowed: true, provider: null });
    expect(none.body.missing).toContain('flightdeck.io/deploy-provider');
    await backend.stop();

    const denied = await start(AuthorizeResult.DENY);
    const answer = await request(denied.backend.server)
      .get(
        '/api/deployments/deploy-support?entityRef=component:default/payments-api',
      )
      .set('Authorization', mockCredentials.user.header(priya));
    expect(answer.body.allowed).toBe(false);
    expect(denied.permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({ name: 'deployments.deploy' }),
          resourceRef: 'component:default/payments-api',
        },
      ],
      expect.anything(),
    );
    await denied.backend.stop();
  });

  it('names what is wrong with a request', async () => {
    const { backend, deploy, get } = await start();
    const cases: Array<[object, number, string]> = [
      [
        { ...release, environment: 'moon' },
        400,
        "'moon' is not a configured environment",
      ],
      [{ ...release, version: 'v1; rm -rf' }, 400, 'expected a version or tag'],
      [
        { ...release, version: '-oupload-pack=x' },
        400,
        'starting with a letter',
      ],
      [{ ...release, reason: '' }, 400, 'reason'],
      [{ ...release, extra: 1 }, 400, 'extra'],
      [{ ...release, requestId: '../x' }, 400, 'requestId'],
      [{ ...release, commitSha: 'main' }, 400, 'commitSha'],
      [
        { ...release, entityRef: 'component:default/fraud-detector' },
        422,
        'flightdeck.io/deploy-provider',
      ],
      [{ ...release, entityRef: 'component:default/nope' }, 422, 'nope'],
    ];
    for (const [body, status, message] of cases) {
      const res = await deploy(body);
      expect({ status: res.status, body }).toEqual({ status, body });
      expect(res.body.error.message).toContain(message);
    }
    expect(cd.received).toHaveLength(0);
    expect((await get('no-such-id')).status).toBe(404);

    const asService = await request(backend.server)
      .post('/api/deployments/deployments')
      .set('Authorization', mockCredentials.service.header())
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(release));
    expect(asService.status).toBe(403);
    await backend.stop();
  });
});
