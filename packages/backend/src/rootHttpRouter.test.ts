import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import net from 'node:net';
import request from 'supertest';
import {
  DEFAULT_COMPRESSION_THRESHOLD_BYTES,
  readCompressionThreshold,
  rootHttpRouter,
} from './rootHttpRouter';

/** `{"padding":"aaa…"}`: a JSON answer of exactly `bytes` bytes. */
const answerOfSize = (bytes: number) => ({ padding: 'a'.repeat(bytes - 14) });

/** A plugin whose answers are as large as the path says. */
const answersPlugin = createBackendPlugin({
  pluginId: 'answers',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        httpRouter.use((req, res, next) => {
          const sized = /^\/sized\/(\d+)$/.exec(req.path);
          if (sized) {
            res.json(answerOfSize(Number(sized[1])));
          } else if (req.path === '/refused') {
            next(
              Object.assign(new Error('limit must be a number'), {
                statusCode: 400,
              }),
            );
          } else {
            next();
          }
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
 * A backend as src/index.ts builds it, with its root router listening for
 * real, and the answers plugin in place of the portal's plugins.
 */
async function startPortal(config: object = {}) {
  const port = await freePort();
  const backend = createBackend();
  backend.add(rootHttpRouter);
  backend.add(answersPlugin);
  backend.add(mockServices.rootLogger.factory());
  backend.add(mockServices.auth.factory());
  backend.add(mockServices.httpAuth.factory());
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl: `http://127.0.0.1:${port}`,
          listen: { host: '127.0.0.1', port },
          server: { keepAliveTimeout: '7s' },
        },
        ...config,
      },
    }),
  );
  await backend.start();
  return { backend, portal: request(`http://127.0.0.1:${port}`) };
}

describe('the root HTTP router', () => {
  const threshold = DEFAULT_COMPRESSION_THRESHOLD_BYTES;

  it('sends an answer below the threshold uncompressed, even to a client that accepts gzip', async () => {
    // Above the compression package's own 1 KiB threshold, so the stock
    // router would compress it.
    const size = threshold - 1;
    expect(size).toBeGreaterThan(1024);
    const { backend, portal } = await startPortal();
    try {
      const res = await portal
        .get(`/api/answers/sized/${size}`)
        .set('Accept-Encoding', 'gzip');
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['content-length']).toBe(String(size));
      expect(res.body).toEqual(answerOfSize(size));
    } finally {
      await backend.stop();
    }
  });

  it('compresses an answer at or above the threshold', async () => {
    const { backend, portal } = await startPortal();
    try {
      for (const size of [threshold, 4 * threshold]) {
        const res = await portal
          .get(`/api/answers/sized/${size}`)
          .set('Accept-Encoding', 'gzip');
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBe('gzip');
        expect(res.body).toEqual(answerOfSize(size));
      }
      const identity = await portal
        .get(`/api/answers/sized/${threshold}`)
        .set('Accept-Encoding', 'identity');
      expect(identity.headers['content-encoding']).toBeUndefined();
    } finally {
      await backend.stop();
    }
  });

  it('takes the threshold from flightdeck.http.compressionThreshold', async () => {
    const { backend, portal } = await startPortal({
      flightdeck: { http: { compressionThreshold: 64 * 1024 } },
    });
    try {
      const res = await portal
        .get(`/api/answers/sized/${32 * 1024}`)
        .set('Accept-Encoding', 'gzip');
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
    } finally {
      await backend.stop();
    }
  });

  it('keeps the rest of the default router: health, helmet, errors, 404, server settings', async () => {
    const { backend, portal } = await startPortal();
    try {
      const readiness = await portal
        .get('/.backstage/health/v1/readiness')
        .set('Connection', 'keep-alive');
      expect(readiness.status).toBe(200);
      expect(readiness.body).toEqual({ status: 'ok' });
      expect(readiness.headers['x-content-type-options']).toBe('nosniff');
      expect(readiness.headers['content-security-policy']).toContain(
        "default-src 'self'",
      );
      expect(readiness.headers['keep-alive']).toBe('timeout=7');

      const refused = await portal.get('/api/answers/refused');
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        error: { message: 'limit must be a number' },
        response: { statusCode: 400 },
      });

      expect((await portal.get('/api/answers/nothing-here')).status).toBe(404);
    } finally {
      await backend.stop();
    }
  });
});

describe('readCompressionThreshold', () => {
  it('defaults to 12 KiB', () => {
    expect(readCompressionThreshold(new ConfigReader({}))).toBe(12 * 1024);
  });

  it.each([-1, 1.5])('refuses %p, naming the key', value => {
    expect(() =>
      readCompressionThreshold(
        new ConfigReader({
          flightdeck: { http: { compressionThreshold: value } },
        }),
      ),
    ).toThrow(/flightdeck\.http\.compressionThreshold/);
  });
});
