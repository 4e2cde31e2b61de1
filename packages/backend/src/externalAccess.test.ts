import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import net from 'node:net';
import request from 'supertest';
import {
  localConfigFiles,
  productionConfigFiles,
  readAppConfig,
} from './__testUtils__/appConfig';

const ingestToken = 'i'.repeat(32);
const localToken = 'l'.repeat(32);

/** A plugin under this id whose one route answers any authenticated caller. */
const pluginAnswering = (pluginId: string) =>
  createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          auth: coreServices.auth,
        },
        async init({ httpRouter, httpAuth, auth }) {
          httpRouter.use(async (req, res) => {
            const credentials = await httpAuth.credentials(req);
            res.json({
              authenticated: auth.isPrincipal(credentials, 'service'),
            });
          });
        },
      });
    },
  });

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * The real auth services with `backend.auth` of the given app-config files,
 * and stand-ins for the plugins the tokens might reach.
 */
async function startPortal(files: string[], env: Record<string, string>) {
  const port = await freePort();
  const auth = readAppConfig(files, env).get('backend.auth');
  const backend = createBackend();
  for (const pluginId of ['deployments', 'catalog', 'techdocs', 'scaffolder']) {
    backend.add(pluginAnswering(pluginId));
  }
  backend.add(mockServices.rootLogger.factory());
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl: `http://127.0.0.1:${port}`,
          listen: { host: '127.0.0.1', port },
          database: { client: 'better-sqlite3', connection: ':memory:' },
          auth,
        },
      },
    }),
  );
  await backend.start();
  const portal = request(`http://127.0.0.1:${port}`);
  const status = async (pluginId: string, token: string) =>
    (
      await portal
        .get(`/api/${pluginId}/`)
        .set('Authorization', `Bearer ${token}`)
    ).status;
  return { backend, status };
}

jest.setTimeout(60_000);

describe.each([
  [
    'the container',
    productionConfigFiles,
    { FLIGHTDECK_INGEST_TOKEN: ingestToken },
  ],
  [
    'the local portal',
    localConfigFiles,
    {
      FLIGHTDECK_INGEST_TOKEN: ingestToken,
      FLIGHTDECK_LOCAL_TOKEN: localToken,
    },
  ],
])('the ingest token, in %s', (_, files, env) => {
  it('reaches the ingestion API and nothing else', async () => {
    const { backend, status } = await startPortal(files, env);
    try {
      expect(await status('deployments', ingestToken)).toBe(200);
      expect(await status('catalog', ingestToken)).toBe(403);
      expect(await status('techdocs', ingestToken)).toBe(403);
      expect(await status('scaffolder', ingestToken)).toBe(403);
    } finally {
      await backend.stop();
    }
  });
});

describe('the local tools token', () => {
  it('reaches TechDocs and the catalog, which the local scripts read, and nothing else', async () => {
    const { backend, status } = await startPortal(localConfigFiles, {
      FLIGHTDECK_INGEST_TOKEN: ingestToken,
      FLIGHTDECK_LOCAL_TOKEN: localToken,
    });
    try {
      expect(await status('techdocs', localToken)).toBe(200);
      expect(await status('catalog', localToken)).toBe(200);
      expect(await status('deployments', localToken)).toBe(403);
      expect(await status('scaffolder', localToken)).toBe(403);
    } finally {
      await backend.stop();
    }
  });

  it('is not accepted by the container', async () => {
    const { backend, status } = await startPortal(productionConfigFiles, {
      FLIGHTDECK_INGEST_TOKEN: ingestToken,
      FLIGHTDECK_LOCAL_TOKEN: localToken,
    });
    try {
      expect(await status('techdocs', localToken)).toBe(401);
    } finally {
      await backend.stop();
    }
  });
});
