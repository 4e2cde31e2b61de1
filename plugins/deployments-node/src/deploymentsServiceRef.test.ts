import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DeploymentsService } from './DeploymentsService';
import { deploymentsServiceRef } from './deploymentsServiceRef';

const server = setupServer();
registerMswTestHooks(server);

describe('deploymentsServiceRef', () => {
  it('gives another plugin the deployments API, found through discovery', async () => {
    let service: DeploymentsService | undefined;
    const consumer = createBackendPlugin({
      pluginId: 'releases',
      register(env) {
        env.registerInit({
          deps: { deployments: deploymentsServiceRef },
          async init({ deployments }) {
            service = deployments;
          },
        });
      },
    });
    const backend = await startTestBackend({ features: [consumer] });
    const base = `http://localhost:${backend.server.port()}/api/deployments`;
    let asked: string | undefined;
    server.use(
      http.get(`${base}/deployments`, ({ request }) => {
        asked = new URL(request.url).searchParams.get('entityRef') ?? '';
        return HttpResponse.json({ items: [] });
      }),
    );
    await expect(
      service!.listDeployments({ entityRef: 'component:default/payments-api' }),
    ).resolves.toEqual({ items: [] });
    expect(asked).toBe('component:default/payments-api');
    await backend.stop();
  });
});
