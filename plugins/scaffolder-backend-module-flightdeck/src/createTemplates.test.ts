import { mockCredentials } from '@backstage/backend-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { runTask } from './__testUtils__/runTask';
import { startScaffolderTestBackend } from './__testUtils__/startScaffolderTestBackend';
import { localGitUrlReaderFactory } from './localGit/localGitUrlReaderFactory';

jest.setTimeout(120_000);

const host = createMockDirectory();
const templates = resolve(__dirname, '../../../templates');

let backend: Awaited<ReturnType<typeof startScaffolderTestBackend>>;

/** The catalog's answer for an entity, as the entity page asks for it. */
const catalogEntity = (kind: string, name: string) =>
  request(backend.server)
    .get(`/api/catalog/entities/by-name/${kind}/default/${name}`)
    .set('Authorization', mockCredentials.user.header());

beforeAll(async () => {
  // The real catalog, reading the create templates from disk and the new
  // repositories from the local git host, as the portal does.
  backend = await startScaffolderTestBackend({
    realCatalog: true,
    config: {
      backend: { baseUrl: 'http://localhost:7007' },
      flightdeck: { localGitHost: { directory: host.path } },
      catalog: {
        rules: [{ allow: ['Component', 'Template', 'Location'] }],
        locations: ['typescript-service', 'typescript-library'].map(name => ({
          type: 'file',
          target: join(templates, `${name}.yaml`),
        })),
      },
    },
    features: [localGitUrlReaderFactory],
  });
  const deadline = Date.now() + 60_000;
  for (const name of ['typescript-service', 'typescript-library']) {
    while ((await catalogEntity('template', name)).status !== 200) {
      if (Date.now() > deadline) throw new Error(`No template ${name}`);
      await new Promise(r => setTimeout(r, 200));
    }
  }
});
afterAll(() => backend?.stop());

describe.each([
  { template: 'typescript-service', name: 'payments-ledger' },
  { template: 'typescript-library', name: 'fare-rules' },
])('the $template template, run for real', ({ template, name }) => {
  it('links to its new component only once the catalog has it', async () => {
    const { status, log, output } = await runTask(
      backend.server,
      {
        templateRef: `template:default/${template}`,
        values: {
          name,
          description: `Made by the ${template} template`,
          owner: 'group:default/payments',
          host: 'local',
        },
      },
      { timeoutMs: 90_000 },
    );
    expect({ status, log: status === 'completed' ? [] : log }).toEqual({
      status: 'completed',
      log: [],
    });

    // The moment the task ends, "Open in the catalog" finds the component.
    const link = output.links.find(
      (l: { title: string }) => l.title === 'Open in the catalog',
    );
    expect(link.entityRef).toBe(`component:default/${name}`);
    const entity = await catalogEntity('component', name);
    expect(entity.status).toBe(200);
    expect(entity.body.metadata.description).toBe(
      `Made by the ${template} template`,
    );
    expect(log).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`component:default/${name} is in the catalog`),
      ]),
    );

    // Registered from the repository the template published.
    expect(
      execFileSync('git', ['log', '-1', '--format=%s', 'main'], {
        cwd: join(host.path, `${name}.git`),
        encoding: 'utf8',
      }).trim(),
    ).toMatch(new RegExp(`^feat: create ${name} from the TypeScript`));
  });
});
