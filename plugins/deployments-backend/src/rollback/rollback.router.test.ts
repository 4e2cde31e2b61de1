import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { cdReceiver } from '../__testUtils__/cdReceiver';
import { startWithProvider } from '../__testUtils__/startWithProvider';

describe('rollback', () => {
  const cd = cdReceiver();

  async function start(
    permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  ) {
    const { backend, auditor, audit, requestAudit } = await startWithProvider({
      cdUrl: cd.url,
      permission,
    });
    const ids: Record<string, string> = {};
    const send = async (name: string, status: string, version: string) => {
      const res = await request(backend.server)
        .post('/api/deployments/events')
        .set('Authorization', mockCredentials.service.header())
        .set('Content-Type', 'application/json')
        .send(
          JSON.stringify({
            service: name,
            environment: 'production',
            version,
            status,
            startedAt: '2026-11-20T10:00:00Z',
            finishedAt: '2026-11-20T10:05:00Z',
            idempotencyKey: `${name}-${version}`,
          }),
        );
      ids[`${name}@${version}`] = res.body.results[0].deploymentId;
    };
    await send('payments-api', 'succeeded', '2.4.0');
    await send('payments-api', 'failed', '2.5.0');
    await send('fraud-detector', 'succeeded', '1.0.0');
    const rollback = (
      id: string,
      body: object = { reason: 'checkout errors after 2.5.0' },
    ) =>
      request(backend.server)
        .post(`/api/deployments/deployments/${id}/rollback`)
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/priya.raman'),
        )
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
    return { backend, auditor, audit, requestAudit, ids, rollback };
  }

  it('lets an owner roll back through the provider, and audits it', async () => {
    const { backend, auditor, audit, ids, rollback } = await start(
      AuthorizeResult.ALLOW,
    );
    const res = await rollback(ids['payments-api@2.4.0']);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ provider: 'webhook', version: '2.4.0' });
    expect(cd.received).toHaveLength(1);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'rollback',
        severityLevel: 'high',
        meta: expect.objectContaining({
          version: '2.4.0',
          reason: 'checkout errors after 2.5.0',
        }),
      }),
    );
    expect(audit.success).toHaveBeenCalled();
    await backend.stop();
  });

  it('refuses users who are neither owners nor admins, and audits the attempt', async () => {
    const { backend, ids, rollback, audit, requestAudit, auditor } =
      await start(AuthorizeResult.DENY);
    const res = await rollback(ids['payments-api@2.4.0']);
    expect(res.status).toBe(403);
    // The request's own record, opened on arrival, closed as refused.
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'rollback-to-deployment',
        meta: { operationId: 'RollbackToDeployment' },
      }),
    );
    expect(requestAudit.fail).toHaveBeenCalledWith({
      error: expect.objectContaining({ name: 'NotAllowedError' }),
    });
    expect(res.body.error.message).toBe(
      'Only the owners of component:default/payments-api and admins may roll it back',
    );
    expect(audit.fail).toHaveBeenCalledWith({
      error: expect.objectContaining({ name: 'NotAllowedError' }),
    });
    expect(cd.received).toHaveLength(0);
    const support = await request(backend.server)
      .get(
        '/api/deployments/rollback-support?entityRef=component:default/payments-api',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(support.body).toEqual({
      allowed: false,
      provider: 'webhook',
      missing: null,
    });
    await backend.stop();
  });

  it('answers 502 with the reason when the CD system refuses, and audits the failure', async () => {
    const { backend, ids, rollback, audit } = await start(
      AuthorizeResult.ALLOW,
    );
    cd.status = 400;
    const res = await rollback(ids['payments-api@2.4.0']);
    expect(res.status).toBe(502);
    expect(res.body.error.message).toBe(
      'The webhook provider refused the rollback; caused by Error: The deploy webhook answered 400 Bad Request',
    );
    expect(audit.fail).toHaveBeenCalled();
    expect(audit.success).not.toHaveBeenCalled();
    await backend.stop();
  });

  it('explains what to configure, refuses failed deployments, unknown ids and empty reasons', async () => {
    const { backend, ids, rollback } = await start(AuthorizeResult.ALLOW);
    const noProvider = await rollback(ids['fraud-detector@1.0.0']);
    expect(noProvider.status).toBe(422);
    expect(noProvider.body.error.message).toContain(
      'flightdeck.io/deploy-provider',
    );

    const failed = await rollback(ids['payments-api@2.5.0']);
    expect(failed.status).toBe(409);
    expect(failed.body.error.message).toContain('this one failed');

    expect((await rollback('no-such-id')).status).toBe(404);
    const noReason = await rollback(ids['payments-api@2.4.0'], { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('reason');

    const support = await request(backend.server)
      .get(
        '/api/deployments/rollback-support?entityRef=component:default/fraud-detector',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(support.body).toMatchObject({ allowed: true, provider: null });
    expect(support.body.missing).toContain('flightdeck.io/deploy-provider');
    await backend.stop();
  });
});
