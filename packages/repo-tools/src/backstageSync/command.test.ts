import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { run } from './command';
import {
  fakeBackstageVersions,
  releaseManifest,
} from './__testUtils__/fakeBackstageVersions';
import {
  createTempWorkspace,
  flightdeckLikeFiles,
  release157,
  release158,
  TempWorkspace,
} from './__testUtils__/tempWorkspace';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const versions = fakeBackstageVersions([
  releaseManifest('1.57.0', release157),
  releaseManifest('1.58.0', release158),
]);

let workspace: TempWorkspace;
beforeEach(async () => {
  server.use(...versions.handlers);
  versions.requested.length = 0;
  workspace = await createTempWorkspace(flightdeckLikeFiles);
});
afterEach(() => workspace.remove());

async function sync(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const exitCode = await run([...args, '--root', workspace.root], {
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
  });
  return { exitCode, stdout, stderr };
}

const workspaceFiles = Object.keys(flightdeckLikeFiles);
const snapshot = async () =>
  Promise.all(workspaceFiles.map(file => workspace.read(file)));

describe('flightdeck-repo backstage-sync', () => {
  it('moves the workspace to the release and prints the plan as a table', async () => {
    const result = await sync('--release', '1.58.0');

    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(versions.requested).toEqual([
      'https://versions.backstage.io/v1/releases/1.58.0/manifest.json',
    ]);
    expect(result.stdout).toContain('Backstage 1.57.0 → 1.58.0');
    expect(result.stdout).toMatch(
      /@backstage\/backend-defaults\s+0\.19\.0 → 0\.20\.0\s+root \(resolution\), packages\/backend\n/,
    );
    expect(result.stdout).toMatch(
      /@backstage\/cli\s+0\.36\.8 → 0\.37\.0\s+root \(dev\), packages\/backend \(dev\), plugins\/deployments \(dev\)\n/,
    );
    expect(result.stdout).toContain('Wrote 4 files');
    expect(await workspace.read('backstage.json')).toBe(
      '{ "version": "1.58.0" }\n',
    );
    expect(
      JSON.parse(await workspace.read('packages/backend/package.json'))
        .dependencies['@backstage/backend-defaults'],
    ).toBe('0.20.0');
  });

  it('reports a package the release does not list, and leaves it', async () => {
    const result = await sync('--release', '1.58.0');

    expect(result.stdout).toMatch(
      /Left as they are: check that each works with Backstage 1\.58\.0\.\n.*\n@backstage-community\/plugin-github-actions\s+0\.9\.0\s+plugins\/deployments\s+not in the release\n/,
    );
    expect(
      JSON.parse(await workspace.read('plugins/deployments/package.json'))
        .dependencies['@backstage-community/plugin-github-actions'],
    ).toBe('0.9.0');
  });

  it('takes the newest release with --latest', async () => {
    const result = await sync('--latest');

    expect(result.exitCode).toBe(0);
    expect(versions.requested).toEqual([
      'https://versions.backstage.io/v1/tags/main/manifest.json',
    ]);
    expect(await workspace.read('backstage.json')).toBe(
      '{ "version": "1.58.0" }\n',
    );
  });

  it('writes nothing on a dry run', async () => {
    const before = await snapshot();

    const result = await sync('--release', '1.58.0', '--dry-run');

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('0.36.8 → 0.37.0');
    expect(result.stdout).toContain('Dry run: nothing written.');
    expect(await snapshot()).toEqual(before);
  });

  it('says so when the workspace is already on the release', async () => {
    const before = await snapshot();

    const result = await sync('--release', '1.57.0');

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      'Every Backstage package is already at release 1.57.0: nothing to change.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('fails clearly on a release that does not exist, writing nothing', async () => {
    const before = await snapshot();

    const result = await sync('--release', '1.99.0');

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('No release found for 1.99.0 version');
    expect(result.stdout).toBe('');
    expect(await snapshot()).toEqual(before);
  });

  it('points to --manifest-file when versions.backstage.io cannot be reached', async () => {
    server.use(
      http.get('https://versions.backstage.io/*', () => HttpResponse.error()),
      http.get('https://raw.githubusercontent.com/*', () =>
        HttpResponse.error(),
      ),
    );

    const result = await sync('--release', '1.58.0');

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      'https://versions.backstage.io/v1/releases/1.58.0/manifest.json',
    );
    expect(result.stderr).toContain('--manifest-file <path>');
  });

  it('uses a manifest file without going to the network', async () => {
    const file = join(workspace.root, 'manifest-1.58.0.json');
    await writeFile(
      file,
      JSON.stringify(releaseManifest('1.58.0', release158), null, 2),
    );

    const result = await sync('--manifest-file', file, '--release', '1.58.0');

    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(versions.requested).toEqual([]);
    expect(await workspace.read('backstage.json')).toBe(
      '{ "version": "1.58.0" }\n',
    );
  });

  it('refuses a manifest file of another release than the one asked for', async () => {
    const file = join(workspace.root, 'manifest.json');
    await writeFile(
      file,
      JSON.stringify(releaseManifest('1.57.0', release157)),
    );

    const result = await sync('--manifest-file', file, '--release', '1.58.0');

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      'the manifest file is for release 1.57.0, not 1.58.0',
    );
  });

  it('refuses a file that is not a release manifest', async () => {
    const file = join(workspace.root, 'manifest.json');
    await writeFile(file, JSON.stringify({ releaseVersion: '1.58.0' }));

    const result = await sync('--manifest-file', file);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('is not a Backstage release manifest');
    expect(result.stderr).toContain('packages');
  });

  it.each([
    [['--release', '1.58.0', '--latest'], 'not both'],
    [['--release', 'latest'], 'release number such as 1.58.0'],
    [['--bump'], "Unknown option '--bump'"],
  ])('rejects %j with usage', async (args, message) => {
    const result = await sync(...args);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: flightdeck-repo backstage-sync');
  });
});
