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

// Prettier 2 ships no types; these are the two calls used.
const prettier: {
  check(source: string, options: object): boolean;
  getFileInfo: { sync(path: string): { inferredParser: string | null } };
} = require('prettier');

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

/** The files below a folder, as paths relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter(entry => entry.isFile())
    .map(entry => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * A template as the dry-run endpoint takes it: its YAML, and the skeletons
 * its fetch:template steps read, at the same paths relative to it.
 */
async function loadTemplate(name: string) {
  const template = parse(
    await readFile(join(templatesRoot, `${name}.yaml`), 'utf8'),
  );
  const skeletons: string[] = template.spec.steps
    .filter((step: { action: string }) => step.action === 'fetch:template')
    .map((step: { input: { url: string } }) => step.input.url);
  const directoryContents: Array<{ path: string; base64Content: string }> = [];
  for (const skeleton of skeletons) {
    const root = join(templatesRoot, skeleton);
    for (const path of await listFiles(root)) {
      directoryContents.push({
        path: relative(templatesRoot, join(root, path)),
        base64Content: (await readFile(join(root, path))).toString('base64'),
      });
    }
  }
  return { template, skeletons, directoryContents };
}

/** Runs a template in a dry run, and returns the repository it made. */
async function generate(name: string, values: object) {
  const { template, directoryContents } = await loadTemplate(name);
  const res = await request(backend.server)
    .post('/api/scaffolder/v2/dry-run')
    .set('Authorization', mockCredentials.user.header())
    .send({ template, directoryContents, values });
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
      'flightdeck:catalog:source-repository',
      'flightdeck:catalog:wait',
      'flightdeck:publish:local',
      'flightdeck:publish:local:branch',
      'flightdeck:release:create',
      'flightdeck:release:deploy',
      'flightdeck:release:deploy-check',
      'flightdeck:release:wait',
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

/** What a template makes, for the checks every template must pass. */
interface TemplateCase {
  name: string;
  values: Record<string, string>;
  /** `spec.type` of the component in the catalog. */
  type: string;
  packageName: string;
  /** Code of its own, besides the shared files. */
  sources: string[];
  /** Its `flightdeck.io/` annotations, all of them. */
  annotations: Record<string, unknown>;
  /** The jobs of each workflow, in order. */
  workflows: Record<string, string[]>;
  /** The pages of its TechDocs, in the order of the nav. */
  docs: string[];
}

const templates: TemplateCase[] = [
  {
    name: 'typescript-service',
    values: {
      name: 'payments-ledger',
      description: 'Keeps the "double-entry" ledger of every payment',
      owner: 'group:default/payments',
      system: 'payments',
      database: 'postgres',
      visibility: 'internal',
    },
    type: 'service',
    packageName: 'payments-ledger',
    sources: ['src/server.ts', 'src/server.test.ts'],
    annotations: {
      'flightdeck.io/health-url': expect.stringContaining('/health'),
      'flightdeck.io/runbook': 'docs/runbook.md',
      // The local git host's services deploy through the CD webhook.
      'flightdeck.io/deploy-provider': 'webhook',
      'flightdeck.io/cost-allocation': 'payments-ledger',
      'flightdeck.io/migrations': 'flyway',
    },
    workflows: {
      'ci.yml': ['test', 'commits'],
      'release.yml': ['deploy'],
      'security.yml': ['codeql', 'audit'],
    },
    docs: ['index.md', 'runbook.md', 'onboarding.md'],
  },
  {
    name: 'typescript-library',
    values: {
      name: 'fare-rules',
      description: 'Checks a "fare" against the rules of its tariff',
      owner: 'group:default/payments',
      system: 'payments',
      visibility: 'public',
    },
    type: 'library',
    packageName: '@skyhop/fare-rules',
    sources: ['src/index.ts', 'src/index.test.ts'],
    // Nothing runs, so nothing to probe, deploy, page or bill.
    annotations: {},
    workflows: {
      'ci.yml': ['test', 'commits'],
      'release.yml': ['test', 'publish'],
      'security.yml': ['codeql', 'audit'],
    },
    docs: ['index.md', 'usage.md', 'onboarding.md'],
  },
];

describe.each(templates)('the $name template', t => {
  const { values } = t;

  it('holds each path in one skeleton only, so that none is skipped', async () => {
    // fetch:template leaves a file that an earlier step wrote as it is.
    const { skeletons } = await loadTemplate(t.name);
    expect(skeletons).toEqual(['./skeletons/common', `./skeletons/${t.name}`]);
    const [common, own] = await Promise.all(
      skeletons.map(skeleton => listFiles(join(templatesRoot, skeleton))),
    );
    expect(own.length).toBeGreaterThan(0);
    expect(own.filter(path => common.includes(path))).toEqual([]);
  });

  it('generates a repository whose configs and manifests parse', async () => {
    const { files } = await generate(t.name, values);
    const pkg = JSON.parse(files.get('package.json')!);
    expect(pkg).toMatchObject({
      name: t.packageName,
      description: values.description,
      type: 'module',
      scripts: { test: expect.any(String), lint: expect.any(String) },
    });
    expect(JSON.parse(files.get('tsconfig.json')!).compilerOptions.strict).toBe(
      true,
    );
    JSON.parse(files.get('.prettierrc.json')!);
    expect(
      JSON.parse(files.get('.flightdeck/shared-configs.json')!).version,
    ).toMatch(/^\d+\.\d+\.\d+$/);
    expect(files.get('eslint.config.mjs')).toContain('typescript-eslint');
    for (const path of [
      'commitlint.config.cjs',
      '.editorconfig',
      '.gitignore',
      'README.md',
      ...t.sources,
    ]) {
      expect(files.get(path)).toBeTruthy();
    }
    expect(files.get(t.sources[0])).toContain(values.name);
    expect(files.get('.github/CODEOWNERS')).toBe('* @payments\n');
  });

  it('passes its own Prettier check, so its first lint is green', async () => {
    const { files } = await generate(t.name, values);
    const options = JSON.parse(files.get('.prettierrc.json')!);
    const unformatted = [...files.entries()].filter(
      ([path, text]) =>
        prettier.getFileInfo.sync(path).inferredParser &&
        !prettier.check(text, { ...options, filepath: path }),
    );
    expect(unformatted.map(([path]) => path)).toEqual([]);
  });

  it('carries a catalog-info.yaml that the catalog accepts, with its Flightdeck annotations', async () => {
    const { files } = await generate(t.name, values);
    const entity = parse(files.get('catalog-info.yaml')!) as Entity;
    await expect(policies.enforce(entity)).resolves.toBeDefined();
    expect(await componentEntityV1alpha1Validator.check(entity)).toBe(true);
    expect(entity).toMatchObject({
      metadata: {
        name: values.name,
        description: values.description,
        annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      },
      spec: {
        type: t.type,
        owner: 'group:default/payments',
        system: 'payments',
      },
    });
    const flightdeck = Object.entries(entity.metadata.annotations!).filter(
      ([key]) => key.startsWith('flightdeck.io/'),
    );
    expect(Object.fromEntries(flightdeck)).toEqual(t.annotations);

    const alone = await generate(t.name, { ...values, system: '' });
    const entityAlone = parse(alone.files.get('catalog-info.yaml')!) as Entity;
    await expect(policies.enforce(entityAlone)).resolves.toBeDefined();
    expect(entityAlone.spec).not.toHaveProperty('system');
  });

  it('carries workflows with the expected jobs, pinned actions and timeouts', async () => {
    const { files } = await generate(t.name, values);
    const workflow = (name: string) =>
      parse(files.get(`.github/workflows/${name}`)!);
    const names = Object.keys(t.workflows);
    for (const name of names) {
      expect(Object.keys(workflow(name).jobs)).toEqual(t.workflows[name]);
    }
    // Copied as they are: GitHub's own ${{ }} expressions survive.
    expect(files.get('.github/workflows/ci.yml')).toContain(
      '${{ github.event.pull_request.base.sha }}',
    );
    const jobs = names.flatMap(name => Object.values<any>(workflow(name).jobs));
    expect(jobs.filter(job => !(job['timeout-minutes'] > 0))).toEqual([]);
    // Third-party actions pinned to an exact version.
    const uses = jobs.flatMap(job =>
      job.steps.flatMap((step: { uses?: string }) => step.uses ?? []),
    );
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.filter(use => !/@v\d+\.\d+\.\d+$/.test(use))).toEqual([]);
    // setup-node's npm cache needs a lockfile, which a new repository has not
    // committed yet: its first run would fail.
    const withCache = jobs.flatMap(job =>
      job.steps.filter(
        (step: { with?: { cache?: string } }) => step.with?.cache,
      ),
    );
    expect(files.has('package-lock.json')).toBe(false);
    expect(withCache).toEqual([]);
  });

  it('carries its docs for TechDocs, rendered offline', async () => {
    const { files } = await generate(t.name, values);
    const mkdocs = parse(files.get('mkdocs.yml')!);
    expect(mkdocs.site_name).toBe(values.name);
    expect(mkdocs.theme).toEqual({ name: 'material', font: false });
    const pages = mkdocs.nav.map((entry: object) => Object.values(entry)[0]);
    expect(pages).toEqual(t.docs);
    for (const page of pages) {
      expect(files.get(`docs/${page}`)).toContain(`# `);
    }
    // Links between pages go to pages this repository has.
    const links = pages.flatMap((page: string) =>
      [...files.get(`docs/${page}`)!.matchAll(/\]\(([\w-]+\.md)\)/g)].map(
        match => match[1],
      ),
    );
    expect(links.filter((link: string) => !pages.includes(link))).toEqual([]);
  });

  it('publishes to GitHub instead when asked, with the same files', async () => {
    const { files, output, log } = await generate(t.name, {
      ...values,
      host: 'github',
      repoUrl: `github.com?owner=skyhop&repo=${values.name}`,
    });
    const entity = parse(files.get('catalog-info.yaml')!) as Entity;
    expect(entity.metadata.name).toBe(values.name);
    expect(entity.metadata.annotations).toMatchObject({
      'github.com/project-slug': `skyhop/${values.name}`,
    });
    // On GitHub, a service deploys through its release workflow.
    expect(entity.metadata.annotations?.['flightdeck.io/deploy-provider']).toBe(
      t.type === 'service' ? 'github-actions' : undefined,
    );
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
    expect(output.text[0].content).toContain('Its repository is on GitHub');
    expect(host.content()).toEqual({});
  });

  it('tells where the repository went', async () => {
    const { output } = await generate(t.name, values);
    expect(output.text[0].content).toContain(`${values.name}.git`);
  });
});

describe('the typescript-service template', () => {
  const [{ name, values }] = templates;

  it('records Flyway migrations only for a service that owns a database', async () => {
    const { files } = await generate(name, { ...values, database: 'none' });
    const entity = parse(files.get('catalog-info.yaml')!) as Entity;
    expect(entity.metadata.annotations).not.toHaveProperty(
      'flightdeck.io/migrations',
    );
    expect(files.get('docs/index.md')).toContain('**Database**: none');
  });

  it('deploys with the inputs the github-actions deploy provider sends', async () => {
    const { files } = await generate(name, values);
    const release = parse(files.get('.github/workflows/release.yml')!);
    expect(Object.keys(release.on.workflow_dispatch.inputs)).toEqual([
      'version',
      'environment',
      'reason',
      'deployment_id',
    ]);
    // The outcome is reported under the id Flightdeck gave, and no input is
    // spliced into a shell script.
    const runs: string[] = release.jobs.deploy.steps.flatMap(
      (step: { run?: string }) => step.run ?? [],
    );
    const script = runs.join('\n');
    expect(script).toContain('id="${DEPLOYMENT_ID:-gha-$GITHUB_RUN_ID');
    expect(script).toContain('deploymentId: $id');
    expect(script).toContain('/api/deployments/events');
    // Nothing is fetched from a registry with the token in reach.
    expect(script).not.toMatch(/npx|npm exec/);
    expect(runs.join('\n')).not.toContain('${{ inputs.');
  });

  it('refuses an owner that is not an entity ref before it reaches any file', async () => {
    const { template, directoryContents } = await loadTemplate(name);
    const res = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        directoryContents,
        values: {
          ...values,
          owner: 'group:default/payments\n  annotations:\n    evil: yes',
        },
      });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('owner');
  });

  it('writes any one-line description safely into YAML', async () => {
    const description = `Skyhop's "ledger": #1 {{ for }} payments, 100% \\ safe`;
    const { files } = await generate(name, { ...values, description });
    const entity = parse(files.get('catalog-info.yaml')!) as Entity;
    expect(entity.metadata.description).toBe(description);
    expect(parse(files.get('mkdocs.yml')!).site_description).toBe(description);
    expect(JSON.parse(files.get('package.json')!).description).toBe(
      description,
    );
  });

  it('has a runbook with the sections on-call reads', async () => {
    const { files } = await generate(name, values);
    for (const section of [
      '## When to use it',
      '## Steps',
      '## How to verify',
      '## How to back out',
    ]) {
      expect(files.get('docs/runbook.md')).toContain(section);
    }
  });
});

describe('the typescript-library template', () => {
  const [, { name, values }] = templates;

  it('is an npm package whose entry point and types are its build', async () => {
    const { files } = await generate(name, values);
    const pkg = JSON.parse(files.get('package.json')!);
    expect(pkg).not.toHaveProperty('private');
    expect(pkg).toMatchObject({
      exports: {
        '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      },
      types: './dist/index.d.ts',
      publishConfig: { access: 'public' },
    });
    expect(pkg.files).toContain('dist');
    // tsc writes dist/ from src/, which is where the exports point.
    const tsconfig = JSON.parse(files.get('tsconfig.json')!);
    expect(tsconfig.compilerOptions).toMatchObject({
      rootDir: 'src',
      outDir: 'dist',
      declaration: true,
    });
    expect(files.get('src/index.test.ts')).toContain("from 'node:test'");
    expect(files.get('README.md')).toContain('`@skyhop/fare-rules`');
  });

  it('publishes to the npm registry on a version tag, with provenance', async () => {
    const { files } = await generate(name, values);
    const release = parse(files.get('.github/workflows/release.yml')!);
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
    const { test, publish } = release.jobs;
    const runsOf = (job: { steps: Array<{ run?: string }> }): string[] =>
      job.steps.flatMap(step => step.run ?? []);
    // The tagged commit is linted and tested before it is published, in a
    // job of its own.
    expect(runsOf(test)).toEqual(['npm install', 'npm run lint', 'npm test']);
    expect(publish.needs).toBe('test');
    // Only the job that publishes may sign the provenance statement: the
    // code of the dev dependencies that lint and tests run never gets the
    // run's OIDC token.
    expect(release.permissions).toEqual({ contents: 'read' });
    expect(
      Object.entries<any>(release.jobs)
        .filter(([, job]) => job.permissions?.['id-token'] !== undefined)
        .map(([job]) => job),
    ).toEqual(['publish']);
    expect(test.permissions).toEqual({ contents: 'read' });
    expect(publish.permissions).toEqual({
      contents: 'read',
      'id-token': 'write',
    });
    // Releases tag commits without touching package.json: the tag is the
    // version.
    expect(runsOf(publish)).toEqual([
      'npm install --ignore-scripts',
      expect.stringMatching(/^npm pkg set "version=\$\{GITHUB_REF_NAME#v\}"/),
      'npm run build',
      'npm publish --provenance',
    ]);
    expect(publish.steps[0].uses).toMatch(/^actions\/checkout@/);
    expect(
      publish.steps.find((step: { uses?: string }) =>
        step.uses?.startsWith('actions/setup-node@'),
      ).with['registry-url'],
    ).toBe('https://registry.npmjs.org');
  });

  it('has no runbook, and no service tabs in its onboarding', async () => {
    const { files } = await generate(name, values);
    expect(files.has('docs/runbook.md')).toBe(false);
    expect(files.get('docs/onboarding.md')).not.toMatch(/runbook|Deployments/);
    expect(files.get('README.md')).not.toContain('npm start');
  });
});
