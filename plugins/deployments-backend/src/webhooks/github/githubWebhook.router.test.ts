import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { signHmacSha256 } from '@flightdeck/ingest-node';
import request from 'supertest';
import { deploymentsPlugin } from '../../plugin';
import deploymentCreated from './__fixtures__/deployment.created.json';
import statusSuccess from './__fixtures__/deployment_status.success.json';

const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'github.com/project-slug': 'skyhop/payments-api',
      // Read from its own repository, which vouches for the slug.
      'backstage.io/managed-by-location':
        'url:https://github.com/skyhop/payments-api/blob/main/catalog-info.yaml',
    },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

const SECRET = 'current-webhook-secret';
const OLD_SECRET = 'old-webhook-secret';

describe('POST /webhooks/github', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeEach(async () => {
    backend = await startTestBackend({
      features: [
        deploymentsPlugin,
        catalogServiceMock.factory({ entities: [paymentsApi] }),
        mockServices.rootConfig.factory({
          data: {
            deployments: {
              github: {
                webhookSecret: SECRET,
                previousWebhookSecret: OLD_SECRET,
              },
            },
          },
        }),
      ],
    });
  });
  afterEach(() => backend.stop());

  // GitHub sends no Backstage credentials, so neither do these requests.
  function deliver(
    event: string,
    payload: unknown,
    options: { delivery?: string; secret?: string; signature?: string } = {},
  ) {
    const body =
      typeof payload === 'string' ? payload : JSON.stringify(payload);
    const req = request(backend.server)
      .post('/api/deployments/webhooks/github')
      .set('Authorization', mockCredentials.none.header())
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', event)
      .set(
        'X-GitHub-Delivery',
        options.delivery ?? `d-${Math.random().toString(36).slice(2)}`,
      );
    const signature =
      options.signature ?? signHmacSha256(body, options.secret ?? SECRET);
    return req.set('X-Hub-Signature-256', signature).send(body);
  }

  const history = () =>
    request(backend.server)
      .get(
        '/api/deployments/deployments?entityRef=component:default/payments-api',
      )
      .set('Authorization', mockCredentials.user.header());

  it('turns a deployment and its success status into one finished deployment', async () => {
    expect((await deliver('deployment', deploymentCreated)).body).toMatchObject(
      {
        accepted: 1,
      },
    );
    expect(
      (await deliver('deployment_status', statusSuccess)).body,
    ).toMatchObject({
      accepted: 1,
    });
    const { items } = (await history()).body;
    expect(items).toEqual([
      expect.objectContaining({
        environment: 'production',
        version: 'v2.5.0',
        status: 'succeeded',
        commitSha: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
        startedAt: '2026-11-20T10:00:00.000Z',
        finishedAt: '2026-11-20T10:06:30.000Z',
        durationSeconds: 390,
        actor: 'priya-raman',
        url: 'https://github.com/skyhop/payments-api/actions/runs/11223344/job/555',
      }),
    ]);
  });

  it('changes nothing when GitHub redelivers', async () => {
    await deliver('deployment_status', statusSuccess, {
      delivery: 'same-guid',
    });
    const again = await deliver('deployment_status', statusSuccess, {
      delivery: 'same-guid',
    });
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await history()).body.items).toHaveLength(1);
  });

  it('counts a status once when its body is sent again under a new delivery id', async () => {
    await deliver('deployment_status', statusSuccess, { delivery: 'first' });
    const replay = await deliver('deployment_status', statusSuccess, {
      delivery: 'replayed',
    });
    expect(replay.body).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('keeps a newer status when an older one arrives after it', async () => {
    const olderFailure = {
      ...statusSuccess,
      deployment_status: {
        ...statusSuccess.deployment_status,
        id: statusSuccess.deployment_status.id - 1,
        state: 'failure',
        created_at: '2026-11-20T10:05:00Z',
        updated_at: '2026-11-20T10:05:00Z',
      },
    };
    await deliver('deployment', deploymentCreated);
    await deliver('deployment_status', statusSuccess);
    expect((await deliver('deployment_status', olderFailure)).status).toBe(200);
    expect((await history()).body.items).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        finishedAt: '2026-11-20T10:06:30.000Z',
      }),
    ]);
  });

  it.each([
    ['deployment_status', 'deployment_status.created_at'],
    ['deployment', 'deployment.created_at'],
  ])('names a malformed %s timestamp', async (event, field) => {
    const [object, key] = field.split('.') as [
      'deployment_status' | 'deployment',
      'created_at',
    ];
    const payload = {
      ...statusSuccess,
      [object]: { ...statusSuccess[object], [key]: 'yesterday' },
    };
    const res = await deliver(event, payload);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  });

  it('accepts the previous secret while it is rotated out', async () => {
    const res = await deliver('deployment', deploymentCreated, {
      secret: OLD_SECRET,
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ['a wrong secret', { secret: 'guessed' }, 'signature does not match'],
    ['no signature', { signature: '' }, 'Missing X-Hub-Signature-256 header'],
  ])('refuses a delivery with %s', async (_, options, message) => {
    const res = await deliver('deployment', deploymentCreated, options);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain(message);
    expect((await history()).body.items).toHaveLength(0);
  });

  it('checks the signature before it reads the JSON', async () => {
    expect(
      (await deliver('deployment', '{"oops', { secret: 'guessed' })).status,
    ).toBe(401);
    expect((await deliver('deployment', '{"oops')).status).toBe(400);
  });

  it('names a repository no service claims', async () => {
    const other = {
      ...deploymentCreated,
      repository: {
        ...deploymentCreated.repository,
        full_name: 'skyhop/unknown-repo',
      },
    };
    const res = await deliver('deployment', other);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('skyhop/unknown-repo');
  });

  it('matches environments ignoring case and names unknown ones', async () => {
    const capitalised = {
      ...deploymentCreated,
      deployment: {
        ...deploymentCreated.deployment,
        environment: 'Production',
      },
    };
    expect((await deliver('deployment', capitalised)).status).toBe(200);
    const preview = {
      ...deploymentCreated,
      deployment: { ...deploymentCreated.deployment, environment: 'pr-1234' },
    };
    const res = await deliver('deployment', preview);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      "'pr-1234' is not a configured environment",
    );
  });

  it('answers pings and leaves other events and inactive statuses alone', async () => {
    expect(
      (await deliver('ping', { zen: 'Keep it logically awesome.' })).status,
    ).toBe(200);
    expect((await deliver('push', { ref: 'refs/heads/main' })).status).toBe(
      202,
    );
    const inactive = {
      ...statusSuccess,
      deployment_status: {
        ...statusSuccess.deployment_status,
        state: 'inactive',
      },
    };
    expect((await deliver('deployment_status', inactive)).status).toBe(202);
    expect((await history()).body.items).toHaveLength(0);
  });
});
