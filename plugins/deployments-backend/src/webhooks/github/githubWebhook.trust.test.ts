import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { signHmacSha256 } from '@flightdeck/ingest-node';
import request from 'supertest';
import { registeredComponent } from '../../__testUtils__/registeredComponent';
import { deploymentsPlugin } from '../../plugin';
import deploymentCreated from './__fixtures__/deployment.created.json';

const SECRET = 'webhook-secret';

const claiming = (name: string, registeredFrom: string) =>
  registeredComponent(name, registeredFrom, {
    'github.com/project-slug': 'skyhop/payments-api',
  });

const inRepository =
  'url:https://github.com/skyhop/payments-api/blob/main/catalog-info.yaml';
const elsewhere =
  'url:https://github.com/mallory/evil/blob/main/catalog-info.yaml';

describe('GitHub deliveries go to the one entity that may claim the repository', () => {
  async function deliverWith(entities: Entity[]) {
    const backend = await startTestBackend({
      features: [
        deploymentsPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: { deployments: { github: { webhookSecret: SECRET } } },
        }),
      ],
    });
    const body = JSON.stringify(deploymentCreated);
    const res = await request(backend.server)
      .post('/api/deployments/webhooks/github')
      .set('Authorization', mockCredentials.none.header())
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', 'deployment')
      .set('X-GitHub-Delivery', 'delivery-1')
      .set('X-Hub-Signature-256', signHmacSha256(body, SECRET))
      .send(body);
    const historyOf = async (name: string) =>
      (
        await request(backend.server)
          .get(
            `/api/deployments/deployments?entityRef=component:default/${name}`,
          )
          .set('Authorization', mockCredentials.user.header())
      ).body.items;
    return { backend, res, historyOf };
  }

  it('ignores a copy registered from elsewhere that claims the same repository', async () => {
    const { backend, res, historyOf } = await deliverWith([
      claiming('payments-api-copy', elsewhere),
      claiming('payments-api', inRepository),
    ]);
    expect(res.status).toBe(200);
    expect(await historyOf('payments-api')).toHaveLength(1);
    expect(await historyOf('payments-api-copy')).toEqual([]);
    await backend.stop();
  });

  it('counts only components: the API and system of a repository may carry its slug too', async () => {
    const api = { ...claiming('payments-api-spec', inRepository), kind: 'API' };
    const system = {
      ...claiming('payments', inRepository),
      kind: 'System',
    };
    const { backend, res, historyOf } = await deliverWith([
      api,
      system,
      claiming('payments-api', inRepository),
    ]);
    expect(res.status).toBe(200);
    expect(await historyOf('payments-api')).toHaveLength(1);
    await backend.stop();
  });

  it('treats a repository only untrusted entities claim as unknown, saying why', async () => {
    const { backend, res, historyOf } = await deliverWith([
      claiming('payments-api-copy', elsewhere),
    ]);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('skyhop/payments-api');
    expect(res.body.error.message).toContain(
      'component:default/payments-api-copy may not act on skyhop/payments-api',
    );
    expect(await historyOf('payments-api-copy')).toEqual([]);
    await backend.stop();
  });

  it('refuses a delivery two trusted entities claim, naming them, and records nothing', async () => {
    const { backend, res, historyOf } = await deliverWith([
      claiming('payments-api', inRepository),
      claiming('payments-api-too', inRepository),
    ]);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'component:default/payments-api and component:default/payments-api-too both claim the repository skyhop/payments-api; give it to one of them',
    );
    expect(await historyOf('payments-api')).toEqual([]);
    expect(await historyOf('payments-api-too')).toEqual([]);
    await backend.stop();
  });
});
