import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RuleViolation } from './cruiseWorkspace';

/** A small workspace: a frontend plugin, a backend plugin, a common library. */
function makeWorkspace(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'deps-rules-'));
  const manifests: Record<string, object> = {
    'plugins/web': {
      name: '@t/web',
      main: 'src/index.ts',
      backstage: { role: 'frontend-plugin' },
      dependencies: { '@t/common': 'workspace:^' },
    },
    'plugins/api': {
      name: '@t/api',
      main: 'src/index.ts',
      backstage: { role: 'backend-plugin' },
      dependencies: { '@t/common': 'workspace:^', 'left-pad': '1.3.0' },
    },
    'plugins/common': {
      name: '@t/common',
      main: 'src/index.ts',
      backstage: { role: 'common-library' },
    },
  };
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write(
    'package.json',
    JSON.stringify({ private: true, workspaces: ['plugins/*'] }),
  );
  write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: { moduleResolution: 'bundler', module: 'ES2020' },
      include: ['plugins/*/src'],
    }),
  );
  write(
    'node_modules/left-pad/package.json',
    JSON.stringify({ name: 'left-pad', main: 'index.js' }),
  );
  write('node_modules/left-pad/index.js', 'module.exports = s => s;');
  mkdirSync(path.join(root, 'node_modules/@t'), { recursive: true });
  for (const [location, manifest] of Object.entries(manifests)) {
    write(`${location}/package.json`, JSON.stringify(manifest));
    write(`${location}/src/index.ts`, 'export const ok = 1;\n');
    symlinkSync(
      path.join(root, location),
      path.join(root, 'node_modules', (manifest as any).name),
    );
  }
  for (const [file, text] of Object.entries(files)) write(file, text);
  return { root, locations: Object.keys(manifests) };
}

// dependency-cruiser is published as ES modules only, which Jest's module
// system cannot load, so the check runs in a Node process of its own.
function cruiseInNode(root: string, locations: string[]): RuleViolation[] {
  const script = `
    const { cruiseWorkspace } = require('./cruiseWorkspace');
    const { readWorkspacePackage } = require('./workspacePackages');
    const [root, locations] = JSON.parse(process.argv[1]);
    cruiseWorkspace(root, locations.map(l => readWorkspacePackage(root, l)))
      .then(v => process.stdout.write(JSON.stringify(v)));`;
  const output = execFileSync(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      '--eval',
      script,
      JSON.stringify([root, locations]),
    ],
    { cwd: __dirname, encoding: 'utf8' },
  );
  return JSON.parse(output);
}

describe('cruiseWorkspace', () => {
  const roots: string[] = [];
  const violationsOf = async (files: Record<string, string>) => {
    const { root, locations } = makeWorkspace(files);
    roots.push(root);
    return cruiseInNode(root, locations);
  };
  afterAll(() =>
    roots.forEach(root => rmSync(root, { recursive: true, force: true })),
  );

  it('passes a workspace that keeps the rules', async () => {
    expect(
      await violationsOf({
        'plugins/web/src/page.ts':
          "import { ok } from '@t/common';\nexport const page = ok;\n",
        'plugins/api/src/router.ts':
          "import { ok } from '@t/common';\nimport pad from 'left-pad';\nexport const r = pad(String(ok));\n",
      }),
    ).toEqual([]);
  });

  it('finds an import cycle inside a package', async () => {
    const violations = await violationsOf({
      'plugins/api/src/a.ts':
        "import { b } from './b';\nexport const a = () => b;\n",
      'plugins/api/src/b.ts':
        "import { a } from './a';\nexport const b = () => a;\n",
    });
    expect(violations.map(v => v.rule)).toContain('no-import-cycle');
    expect(violations.find(v => v.rule === 'no-import-cycle')?.message).toMatch(
      /import cycle: plugins\/api\/src\/(a|b)\.ts → .* → plugins\/api\/src\/(a|b)\.ts/,
    );
  });

  it('finds a cycle between packages', async () => {
    const violations = await violationsOf({
      'plugins/common/package.json': JSON.stringify({
        name: '@t/common',
        main: 'src/index.ts',
        backstage: { role: 'common-library' },
        dependencies: { '@t/api': 'workspace:^' },
      }),
      'plugins/common/src/index.ts':
        "export { ok } from './ok';\nexport * from '@t/api';\n",
      'plugins/common/src/ok.ts': 'export const ok = 1;\n',
      'plugins/api/src/index.ts':
        "import { ok } from '@t/common';\nexport const api = ok;\n",
    });
    expect(violations.map(v => v.rule)).toEqual(['no-import-cycle']);
  });

  it("finds an import of another package's internals", async () => {
    const violations = await violationsOf({
      'plugins/common/src/secret.ts': 'export const secret = 1;\n',
      'plugins/web/src/page.ts':
        "export { secret } from '../../common/src/secret';\n",
    });
    expect(violations).toContainEqual({
      rule: 'no-package-internals',
      message: 'plugins/web/src/page.ts → plugins/common/src/secret.ts',
    });
  });

  it('finds a frontend package importing a backend one', async () => {
    const violations = await violationsOf({
      'plugins/web/src/page.ts': "export * from '@t/api';\n",
    });
    expect(violations.map(v => v.rule)).toEqual(
      expect.arrayContaining([
        'no-frontend-to-backend',
        'no-undeclared-workspace-dependency',
      ]),
    );
  });

  it('finds a workspace package imported without being declared', async () => {
    const violations = await violationsOf({
      'plugins/common/src/index.ts': "export * from '@t/web';\n",
    });
    expect(violations).toEqual([
      {
        rule: 'no-undeclared-workspace-dependency',
        message: 'plugins/common/src/index.ts → plugins/web/src/index.ts',
      },
    ]);
  });

  it('finds an npm package imported without being declared', async () => {
    const violations = await violationsOf({
      'plugins/web/src/page.ts':
        "import pad from 'left-pad';\nexport const page = pad('x');\n",
    });
    expect(violations.map(v => v.rule)).toEqual([
      'no-undeclared-npm-dependency',
    ]);
  });
});
