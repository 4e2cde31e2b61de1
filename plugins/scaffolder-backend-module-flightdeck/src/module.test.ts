import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { scaffolderModuleFlightdeck } from './module';

jest.setTimeout(60_000);

const configsAndPublish = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'shared-configs-only', namespace: 'default' },
  spec: {
    owner: 'group:default/platform-engineering',
    type: 'service',
    parameters: [
      {
        properties: { name: { type: 'string' } },
        required: ['name'],
      },
    ],
    steps: [
      {
        id: 'configs',
        name: 'Shared configs',
        action: 'flightdeck:shared-configs:apply',
      },
      {
        id: 'publish',
        name: 'Publish',
        action: 'flightdeck:publish:local',
        input: { name: '${{ parameters.name }}' },
      },
    ],
    output: {
      text: [
        {
          title: 'Clone',
          content: '${{ steps.publish.output.cloneCommand }}',
        },
      ],
    },
  },
};

// One scaffolder backend for all: it takes seconds to start.
const host = createMockDirectory();
let backend: Awaited<ReturnType<typeof startTestBackend>>;

beforeAll(async () => {
  backend = await startTestBackend({
    features: [
      // A dynamic import() needs jest's ESM mode; require() does not.
      require('@backstage/plugin-scaffolder-backend'),
      require('@backstage/plugin-scaffolder-backend-module-github'),
      scaffolderModuleFlightdeck,
      catalogServiceMock.factory(),
      mockServices.rootConfig.factory({
        data: { flightdeck: { localGitHost: { directory: host.path } } },
      }),
    ],
  });
});
afterAll(() => backend.stop());

const templatesRoot = join(__dirname, '../../../templates');

/** A template folder as the dry-run endpoint takes it, skeleton included. */
async function loadTemplate(name: string) {
  const root = join(templatesRoot, name);
  const directoryContents: Array<{ path: string; base64Content: string }> = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name !== 'template.yaml') {
        directoryContents.push({
          path: relative(root, path),
          base64Content: (await readFile(path)).toString('base64'),
        });
      }
    }
  };
  await walk(root);
  const template = parse(await readFile(join(root, 'template.yaml'), 'utf8'));
  return { template, directoryContents };
}

const policies = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

describe('the Flightdeck scaffolder module', () => {
  it('lists its actions with their examples', async () => {
    const res = await request(backend.server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const ours = res.body.filter((a: { id: string }) =>
      a.id.startsWith('flightdeck:'),
    );
    expect(ours.map((a: { id: string }) => a.id).sort()).toEqual([
      'flightdeck:publish:local',
      'flightdeck:release:create',
      'flightdeck:shared-configs:apply',
      'flightdeck:shared-configs:check',
    ]);
    for (const action of ours) {
      expect(action.examples.length).toBeGreaterThan(0);
      expect(action.description).toBeTruthy();
    }
  });

  it("runs in the template editor's dry run without writing a repository", async () => {
    const res = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template: configsAndPublish,
        values: { name: 'payments-ledger' },
        directoryContents: [],
      });
    expect(res.status).toBe(200);
    const paths = res.body.directoryContents.map(
      (f: { path: string }) => f.path,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'tsconfig.json',
        '.flightdeck/shared-configs.json',
      ]),
    );
    expect(res.body.output.text[0].content).toContain('payments-ledger.git');
    expect(host.content()).toEqual({});
  });
});

describe('the typescript-service template', () => {
  const generate = async (values: object) => {
    const res = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({ ...(await loadTemplate('typescript-service')), values });
    expect(res.status).toBe(200);
    const files = new Map<string, string>(
      res.body.directoryContents.map(
        (f: { path: string; base64Content: string }) => [
          f.path,
          Buffer.from(f.base64Content, 'base64').toString('utf8'),
        ],
      ),
    );
    const log: string[] = res.body.log.map(
      (entry: { body: { message: string } }) => entry.body.message,
    );
    return { files, output: res.body.output, log };
  };

  const values = {
    name: 'payments-ledger',
    description: 'Keeps the "double-entry" ledger of every payment',
    owner: 'group:default/payments',
    system: 'payments',
    database: 'postgres',
    visibility: 'internal',
  };

  it('generates a repository whose configs and manifests parse', async () => {
    const { files } = await generate(values);
    const pkg = JSON.parse(files.get('package.json')!);
    expect(pkg).toMatchObject({
      name: 'payments-ledger',
      scripts: { test: expect.any(String), lint: expect.any(String) },
    });
    expect(JSON.parse(files.get('tsconfig.json')!).compilerOptions.strict).toBe(
      true,
    );
    JSON.parse(files.get('.prettierrc.json')!);
    expect(
      JSON.parse(files.get('.flightdeck/shared-configs.json')!).version,
    ).toMatch(/^\d+\.\d+\.\d+$/);
    for (const path of [
      'eslint.config.mjs',
      'commitlint.config.cjs',
      '.editorconfig',
      'src/server.ts',
      'src/server.test.ts',
      'README.md',
      '.github/CODEOWNERS',
    ]) {
      expect(files.get(path)).toBeTruthy();
    }
    expect(files.get('src/server.ts')).toContain('payments-ledger');
    expect(files.get('.github/CODEOWNERS')).toBe('* @payments\n');
  });

  it('carries a catalog-info.yaml that the catalog accepts, with the Flightdeck annotations', async () => {
    const { files } = await generate(values);
    const entity = parse(files.get('catalog-info.yaml')!) as Entity;
    await expect(policies.enforce(entity)).resolves.toBeDefined();
    expect(await componentEntityV1alpha1Validator.check(entity)).toBe(true);
    expect(entity).toMatchObject({
      metadata: {
        name: 'payments-ledger',
        description: values.description,
        annotations: {
          'backstage.io/techdocs-ref': 'dir:.',
          'flightdeck.io/health-url': expect.stringContaining('/health'),
          'flightdeck.io/runbook': 'docs/runbook.md',
          'flightdeck.io/deploy-provider': 'github-actions',
          'flightdeck.io/deploy-workflow': 'release.yml',
          'flightdeck.io/cost-allocation': 'payments-ledger',
          'flightdeck.io/migrations': 'flyway',
        },
      },
      spec: {
        type: 'service',
        owner: 'group:default/payments',
        system: 'payments',
      },
    });

    const bare = await generate({ ...values, database: 'none', system: '' });
    const plain = parse(bare.files.get('catalog-info.yaml')!) as Entity;
    expect(plain.metadata.annotations).not.toHaveProperty(
      'flightdeck.io/migrations',
    );
    expect(plain.spec).not.toHaveProperty('system');
  });

  it('carries CI, release and security workflows with the expected jobs', async () => {
    const { files } = await generate(values);
    const workflow = (name: string) =>
      parse(files.get(`.github/workflows/${name}`)!);
    expect(Object.keys(workflow('ci.yml').jobs)).toEqual(['test', 'commits']);
    expect(workflow('release.yml').on.workflow_dispatch.inputs).toHaveProperty(
      'version',
    );
    expect(Object.keys(workflow('security.yml').jobs)).toEqual([
      'codeql',
      'audit',
    ]);
    // Copied as they are: GitHub's own ${{ }} expressions survive.
    expect(files.get('.github/workflows/ci.yml')).toContain(
      '${{ github.event.pull_request.base.sha }}',
    );
    const jobs = ['ci.yml', 'release.yml', 'security.yml'].flatMap(name =>
      Object.values<any>(workflow(name).jobs),
    );
    expect(jobs.filter(job => !(job['timeout-minutes'] > 0))).toEqual([]);
    // Third-party actions pinned to an exact version.
    const uses = jobs.flatMap(job =>
      job.steps.flatMap((step: { uses?: string }) => step.uses ?? []),
    );
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.filter(use => !/@v\d+\.\d+\.\d+$/.test(use))).toEqual([]);
  });

  it('carries docs for TechDocs: overview, runbook, onboarding', async () => {
    const { files } = await generate(values);
    const mkdocs = parse(files.get('mkdocs.yml')!);
    expect(mkdocs.site_name).toBe('payments-ledger');
    const pages = mkdocs.nav.map((entry: object) => Object.values(entry)[0]);
    expect(pages).toEqual(['index.md', 'runbook.md', 'onboarding.md']);
    for (const page of pages) expect(files.get(`docs/${page}`)).toBeTruthy();
    for (const section of [
      '## When to use it',
      '## Steps',
      '## How to verify',
      '## How to back out',
    ]) {
      expect(files.get('docs/runbook.md')).toContain(section);
    }
  });

  it('publishes to GitHub instead when asked, with the same files', async () => {
    const { files, output, log } = await generate({
      ...values,
      host: 'github',
      repoUrl: 'github.com?owner=skyhop&repo=payments-ledger',
    });
    expect(files.get('catalog-info.yaml')).toContain('name: payments-ledger');
    // publish:github and catalog:register do not run in a dry run; the
    // local host is not used at all.
    expect(log).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'Skipping because publish:github does not support dry-run',
        ),
        expect.stringMatching(
          /Skipping step publish because its if condition was false/,
        ),
      ]),
    );
    expect(output.text[0].content).toContain('Its repository is on GitHub.');
    expect(host.content()).toEqual({});
  });

  it('tells where the repository went', async () => {
    const { output } = await generate(values);
    expect(output.text[0].content).toContain('payments-ledger.git');
  });
});
