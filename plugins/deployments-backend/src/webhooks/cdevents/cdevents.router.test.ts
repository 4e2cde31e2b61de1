import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { deploymentsPlugin } from '../../plugin';
import deployed from './__fixtures__/service_deployed.json';
import removed from './__fixtures__/service_removed.json';
import rolledback from './__fixtures__/service_rolledback.json';

const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

type CloudEvent = typeof deployed;

/** The deployed fixture as another event: new id, type, version or time. */
function variant(
  id: string,
  changes: {
    type?: string;
    version?: string;
    time?: string;
    environment?: string;
  },
): CloudEvent {
  const ce: CloudEvent = JSON.parse(JSON.stringify(deployed));
  ce.id = ce.data.context.id = id;
  if (changes.type) ce.type = ce.data.context.type = changes.type;
  if (changes.time) ce.time = ce.data.context.timestamp = changes.time;
  if (changes.version) {
    ce.data.subject.content.artifactId = `pkg:oci/payments-api@${changes.version}`;
  }
  if (changes.environment) {
    ce.data.subject.content.environment.id = changes.environment;
  }
  return ce;
}

describe('POST /webhooks/cdevents', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeEach(async () => {
    backend = await startTestBackend({
      features: [
        deploymentsPlugin,
        catalogServiceMock.factory({ entities: [paymentsApi] }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
  });
  afterEach(() => backend.stop());

  function send(
    body: unknown,
    contentType = 'application/cloudevents+json',
    credentials = mockCredentials.service.header(),
  ) {
    return request(backend.server)
      .post('/api/deployments/webhooks/cdevents')
      .set('Authorization', credentials)
      .set('Content-Type', contentType)
      .send(typeof body === 'string' ? body : JSON.stringify(body));
  }

  const history = async (environment = 'production') =>
    (
      await request(backend.server)
        .get(
          `/api/deployments/deployments?entityRef=component:default/payments-api&environment=${environment}`,
        )
        .set('Authorization', mockCredentials.user.header())
    ).body.items;

  it('records service.deployed as a successful deployment of the artifact', async () => {
    const res = await send(deployed);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await history()).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/payments-api',
        environment: 'production',
        version: 'v2.5.0',
        status: 'succeeded',
        startedAt: '2026-11-20T10:06:30.000Z',
        finishedAt: '2026-11-20T10:06:30.000Z',
        commitSha: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
        url: 'https://argocd.skyhop.example/applications/payments-api',
        actor: 'argocd',
      }),
    ]);
  });

  it('changes nothing when the same CloudEvent arrives again', async () => {
    await send(deployed);
    const again = await send(deployed);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await history()).toHaveLength(1);
  });

  it('marks the replaced deployment rolled back and records what runs now', async () => {
    await send(deployed);
    await send(
      variant('upgrade-1', {
        type: 'dev.cdevents.service.upgraded.0.3.0',
        version: 'v2.6.0',
        time: '2026-11-21T09:00:00Z',
      }),
    );
    const res = await send(rolledback);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 0 });

    expect(
      (await history()).map((d: any) => [d.version, d.status, d.finishedAt]),
    ).toEqual([
      ['v2.5.0', 'succeeded', '2026-11-21T09:15:00.000Z'],
      ['v2.6.0', 'rolled_back', '2026-11-21T09:00:00.000Z'],
      ['v2.5.0', 'succeeded', '2026-11-20T10:06:30.000Z'],
    ]);

    const again = await send(rolledback);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await history()).toHaveLength(3);
  });

  it('reads a batch in order, so a rollback sees the deployment before it', async () => {
    const batch = [
      deployed,
      variant('upgrade-2', {
        type: 'dev.cdevents.service.upgraded.0.3.0',
        version: 'v2.6.0',
        time: '2026-11-21T09:00:00Z',
      }),
      rolledback,
    ];
    const res = await send(batch, 'application/cloudevents-batch+json');
    expect(res.body).toMatchObject({ accepted: 4 });
    expect((await history()).map((d: any) => d.status)).toEqual([
      'succeeded',
      'rolled_back',
      'succeeded',
    ]);
  });

  it('records service.removed from a bare CDEvent, naming the version that ran', async () => {
    await send(
      variant('staging-1', {
        environment: 'staging',
        version: 'v2.7.0-rc.1',
        time: '2026-11-22T12:00:00Z',
      }),
    );
    const res = await send(removed, 'application/cdevents+json');
    expect(res.body).toMatchObject({ accepted: 1 });
    const [latest] = await history('staging');
    expect(latest).toMatchObject({ version: 'v2.7.0-rc.1', status: 'removed' });

    const states = await request(backend.server)
      .get(
        '/api/deployments/environment-states?entityRef=component:default/payments-api',
      )
      .set('Authorization', mockCredentials.user.header());
    const staging = states.body.items.find(
      (s: any) => s.environment === 'staging',
    );
    expect(staging.current).toBeUndefined();
    expect(staging.latest).toMatchObject({ status: 'removed' });
  });

  it('refuses to remove what was never deployed', async () => {
    const res = await send(removed, 'application/cdevents+json');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(
      /component:default\/payments-api has never been deployed to staging/,
    );
  });

  describe('refuses', () => {
    const cases: Array<[string, unknown, number, RegExp]> = [
      [
        'an event type other than a service event',
        variant('x1', { type: 'dev.cdevents.pipelinerun.finished.0.2.0' }),
        400,
        /data\.context\.type: 'dev\.cdevents\.pipelinerun\.finished\.0\.2\.0' is not a service/,
      ],
      [
        'a CloudEvent type that differs from the CDEvent type',
        { ...deployed, type: 'dev.cdevents.service.upgraded.0.3.0' },
        400,
        /type: 'dev\.cdevents\.service\.upgraded\.0\.3\.0' differs from data\.context\.type/,
      ],
      [
        'an unknown environment',
        variant('x2', { environment: 'qa' }),
        400,
        /data\.subject\.content\.environment: 'qa' is not a configured environment/,
      ],
      [
        'a service the catalog does not know',
        {
          ...deployed,
          data: {
            ...deployed.data,
            subject: { ...deployed.data.subject, id: 'service/ghost' },
          },
        },
        422,
        /No entity 'component:default\/ghost'/,
      ],
      [
        'a deployed event without an artifact',
        {
          ...deployed,
          data: {
            ...deployed.data,
            subject: {
              ...deployed.data.subject,
              content: { environment: { id: 'production' } },
            },
          },
        },
        400,
        /data\.subject\.content\.artifactId: required for a deployed event/,
      ],
      [
        'a CloudEvent of another specversion',
        { ...deployed, specversion: '0.3' },
        400,
        /specversion: expected specversion '1\.0'/,
      ],
      [
        'a timestamp in the future',
        variant('x3', { time: '2999-01-01T00:00:00Z' }),
        400,
        /startedAt: 2999-01-01T00:00:00\.000Z is in the future/,
      ],
      [
        'a body that is neither',
        { hello: 'world' },
        400,
        /Expected a CloudEvent in structured mode/,
      ],
      ['malformed JSON', '{"specversion": ', 400, /./],
    ];
    it.each(cases)('%s', async (_name, body, status, message) => {
      const res = await send(body);
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
      expect(await history()).toEqual([]);
    });

    it('a body that is not JSON', async () => {
      const res = await send('service deployed', 'text/plain');
      expect(res.status).toBe(415);
    });

    it('a request without credentials', async () => {
      const res = await send(
        deployed,
        undefined,
        mockCredentials.none.header(),
      );
      expect(res.status).toBe(401);
    });

    it("a signed-in user's credentials: only CD systems send events", async () => {
      const res = await send(
        deployed,
        undefined,
        mockCredentials.user.header(),
      );
      expect(res.status).toBe(403);
    });

    it('a batch with a bad event, writing none of it', async () => {
      const res = await send(
        [deployed, variant('x4', { environment: 'qa' })],
        'application/cloudevents-batch+json',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^\[1\]\.data\.subject/);
      expect(await history()).toEqual([]);
    });
  });
});
