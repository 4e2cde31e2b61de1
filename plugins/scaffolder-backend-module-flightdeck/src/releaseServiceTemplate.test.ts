import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
// The release flow is tested against the real deployments backend.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deploymentsPlugin from '@flightdeck/plugin-deployments-backend';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { LocalGitHost } from './localGit/LocalGitHost';
import { createPublishLocalAction } from './localGit/publishLocal';
import { localHostComponent } from './__testUtils__/entities';
import { runTask } from './__testUtils__/runTask';
import { startScaffolderTestBackend } from './__testUtils__/startScaffolderTestBackend';
import { temporaryDirectories } from './__testUtils__/temporaryDirectories';

jest.setTimeout(60_000);

const host = createMockDirectory();
const seed = createMockDirectory();
const priya = 'user:default/priya.raman';

/** A service of the local git host that deploys through the CD webhook. */
const onLocalHost = (name: string) =>
  localHostComponent(name, {
    annotations: { 'flightdeck.io/deploy-provider': 'webhook' },
  });

const git = (name: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd: join(host.path, `${name}.git`),
    encoding: 'utf8',
  }).trim();

/** Pushes one more commit, an empty one with that message, to `main`. */
function pushCommit(name: string, message: string) {
  const clone = join(seed.path, `${name}-clone`);
  const run = (...args: string[]) =>
    execFileSync('git', args, { cwd: seed.path, encoding: 'utf8' });
  run('clone', '--quiet', join(host.path, `${name}.git`), clone);
  run(
    '-C',
    clone,
    '-c',
    'user.name=Priya',
    '-c',
    'user.email=priya@skyhop.example',
    'commit',
    '--quiet',
    '--allow-empty',
    '-m',
    message,
  );
  run('-C', clone, 'push', '--quiet', 'origin', 'HEAD:main');
}

/**
 * The CD system behind the webhook provider: it takes the request, deploys
 * at once (and fails in production), and reports the outcome to the portal under the id it was given.
 */
let cd: Server;
let cdRequests: any[] = [];
let portal: string;

let backend: Awaited<ReturnType<typeof startScaffolderTestBackend>>;

beforeAll(async () => {
  cd = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', async () => {
      const asked = JSON.parse(body);
      cdRequests.push(asked);
      const now = new Date().toISOString();
      await request(portal)
        .post('/api/deployments/events')
        .set('Authorization', mockCredentials.service.header())
        .send({
          entityRef: asked.entityRef,
          environment: asked.environment,
          version: asked.version,
          // Production is where this test's deployments go wrong.
          status: asked.environment === 'production' ? 'failed' : 'succeeded',
          deploymentId: asked.deploymentId,
          startedAt: now,
          finishedAt: now,
          idempotencyKey: `${asked.deploymentId}:done`,
        });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>(resolve => cd.listen(0, '127.0.0.1', resolve));

  const config = {
    flightdeck: {
      localGitHost: { directory: host.path },
      environments: [
        { name: 'development' },
        { name: 'staging' },
        { name: 'production', production: true },
      ],
    },
    deployments: {
      providers: {
        webhook: {
          url: `http://127.0.0.1:${(cd.address() as AddressInfo).port}/deploy`,
          secret: 'cd-secret',
        },
      },
    },
  };
  for (const [name, message] of [
    ['payments-ledger', 'feat: keep a ledger of payments'],
    ['fraud-detector', 'feat: score payments'],
    ['refund-worker', 'feat: refund payments'],
  ]) {
    seed.setContent({ 'README.md': `# ${name}\n` });
    await createPublishLocalAction({
      localGitHost: new LocalGitHost(host.path),
      author: { name: 'Flightdeck', email: 'flightdeck@localhost' },
    }).handler({
      ...createMockActionContext({
        input: { name, gitCommitMessage: message },
        workspacePath: seed.path,
      }),
      createTemporaryDirectory: temporaryDirectories(),
    } as any);
  }

  const template = parse(
    await readFile(
      join(__dirname, '../../../templates/release-service.yaml'),
      'utf8',
    ),
  );
  template.metadata.namespace = 'default';
  backend = await startScaffolderTestBackend({
    config,
    entities: [
      onLocalHost('payments-ledger'),
      onLocalHost('fraud-detector'),
      // No deploy provider: it can be tagged, not deployed.
      localHostComponent('refund-worker'),
      template,
    ],
    features: [deploymentsPlugin],
  });
  portal = `http://localhost:${(backend.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await backend?.stop();
  await new Promise(resolve => cd.close(resolve));
});
beforeEach(() => {
  cdRequests = [];
});

const release = (values: object) =>
  runTask(
    backend.server,
    { templateRef: 'template:default/release-service', values },
    { user: priya },
  );

const deploymentsOf = async (name: string) =>
  (
    await request(backend.server)
      .get(`/api/deployments/deployments?entityRef=component:default/${name}`)
      .set('Authorization', mockCredentials.user.header())
  ).body.items;

describe('the release-service template', () => {
  it('tags, deploys through the CD system and reports how the deployment ended', async () => {
    const { status, output, log } = await release({
      service: 'component:default/payments-ledger',
      bump: 'auto',
      environment: 'staging',
      timeoutMinutes: 1,
    });
    expect({ status, log: status === 'completed' ? [] : log }).toEqual({
      status: 'completed',
      log: [],
    });

    expect(git('payments-ledger', 'tag', '--list')).toBe('v0.1.0');
    expect(git('payments-ledger', 'show', 'main:CHANGELOG.md')).toContain(
      'keep a ledger of payments',
    );
    expect(cdRequests).toEqual([
      expect.objectContaining({
        action: 'deploy',
        entityRef: 'component:default/payments-ledger',
        environment: 'staging',
        version: 'v0.1.0',
        reason: 'Release v0.1.0 from Flightdeck',
        requestedBy: priya,
      }),
    ]);
    // One deployment: Flightdeck's "started" and the CD system's report.
    expect(await deploymentsOf('payments-ledger')).toEqual([
      expect.objectContaining({
        version: 'v0.1.0',
        environment: 'staging',
        status: 'succeeded',
        actor: priya,
        commitSha: git('payments-ledger', 'rev-parse', 'v0.1.0^{commit}'),
      }),
    ]);
    // The commits the release brings count in lead time once it succeeded.
    const dora = await request(backend.server)
      .get(
        '/api/deployments/dora?entityRef=component:default/payments-ledger&environment=staging',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(dora.body.leadTime.changes).toBe(
      Number(git('payments-ledger', 'rev-list', '--count', 'v0.1.0^')),
    );
    expect(dora.body.leadTime.changes).toBeGreaterThan(0);
    expect(output.text[0]).toEqual({
      title: 'Release v0.1.0',
      content: expect.stringContaining(
        'Deployment to **staging**: **succeeded**',
      ),
    });
    expect(output.text[0].content).toContain('keep a ledger of payments');
  });

  it('shows a failed deployment as the conclusion', async () => {
    pushCommit('payments-ledger', 'fix: round refunds half to even');
    const { status, output } = await release({
      service: 'component:default/payments-ledger',
      bump: 'patch',
      environment: 'production',
      timeoutMinutes: 1,
    });
    expect(status).toBe('completed');
    expect(output.text[0].content).toContain(
      'Deployment to **production**: **failed**',
    );
    expect(git('payments-ledger', 'tag', '--list')).toBe('v0.1.0\nv0.1.1');
  });

  it('only tags when asked not to deploy', async () => {
    const { status, output, log } = await release({
      service: 'component:default/fraud-detector',
      bump: 'auto',
      environment: 'none',
    });
    expect(status).toBe('completed');
    expect(git('fraud-detector', 'tag', '--list')).toBe('v0.1.0');
    expect(cdRequests).toEqual([]);
    expect(await deploymentsOf('fraud-detector')).toEqual([]);
    expect(output.text[0].content).toContain('Tagged only');
    expect(output.links).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/fraud-detector',
      }),
    ]);
    expect(log.join('\n')).toMatch(/Skipping step deploy/);
  });

  it('tags nothing when the deploy could not happen', async () => {
    const { status, log } = await release({
      service: 'component:default/refund-worker',
      bump: 'auto',
      environment: 'staging',
    });
    expect(status).toBe('failed');
    expect(log.join('\n')).toContain(
      'component:default/refund-worker cannot be deployed from Flightdeck yet',
    );
    expect(git('refund-worker', 'tag', '--list')).toBe('');
    expect(cdRequests).toEqual([]);
  });

  it('stops with the reason when nothing calls for a release', async () => {
    const { status, log } = await release({
      service: 'component:default/fraud-detector',
      bump: 'auto',
      environment: 'staging',
    });
    expect(status).toBe('failed');
    expect(log.join('\n')).toContain('Nothing to release');
    expect(cdRequests).toEqual([]);
  });
});
