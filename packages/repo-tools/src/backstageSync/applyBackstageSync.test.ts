import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyBackstageSync } from './applyBackstageSync';
import { releaseManifest } from './__testUtils__/fakeBackstageVersions';
import {
  createTempWorkspace,
  flightdeckLikeFiles,
  release158,
  TempWorkspace,
} from './__testUtils__/tempWorkspace';
import { planBackstageSync } from './planBackstageSync';
import { readWorkspacePackageFiles } from './workspacePackageFiles';

describe('applyBackstageSync', () => {
  let workspace: TempWorkspace;
  beforeEach(async () => {
    workspace = await createTempWorkspace(flightdeckLikeFiles);
  });
  afterEach(() => workspace.remove());

  const syncTo158 = async () => {
    const plan = planBackstageSync(
      await readWorkspacePackageFiles(workspace.root),
      releaseManifest('1.58.0', release158),
      '1.57.0',
    );
    return applyBackstageSync(
      workspace.root,
      plan,
      join(workspace.root, '.flightdeck/backup'),
    );
  };

  it('writes the new versions, keeping key order and the package.json layout', async () => {
    const written = await syncTo158();

    expect(written).toEqual([
      'package.json',
      'packages/backend/package.json',
      'plugins/deployments/package.json',
      'backstage.json',
    ]);
    expect(await workspace.read('packages/backend/package.json')).toBe(
      `${JSON.stringify(
        {
          name: 'backend',
          version: '0.1.0',
          dependencies: {
            '@backstage/backend-defaults': '0.20.0',
            '@backstage/plugin-catalog-backend': '4.1.0',
            '@flightdeck/plugin-deployments-backend': 'workspace:^',
            knex: '3.1.0',
          },
          devDependencies: { '@backstage/cli': '0.37.0' },
        },
        null,
        2,
      )}\n`,
    );
    const root = JSON.parse(await workspace.read('package.json'));
    expect(root.resolutions).toEqual({
      '@types/react': '18.3.32',
      '@backstage/backend-defaults': '0.20.0',
    });
    const plugin = JSON.parse(
      await workspace.read('plugins/deployments/package.json'),
    );
    expect(plugin.dependencies).toEqual({
      '@backstage/frontend-plugin-api': '1.1.0',
      '@backstage-community/plugin-github-actions': '0.9.0',
    });
  });

  it('moves backstage.json to the release, on one line as before', async () => {
    await syncTo158();
    expect(await workspace.read('backstage.json')).toBe(
      '{ "version": "1.58.0" }\n',
    );
  });

  it('keeps the previous files, and yarn.lock, at their paths in the backup', async () => {
    await syncTo158();

    for (const file of [
      'package.json',
      'packages/backend/package.json',
      'plugins/deployments/package.json',
      'backstage.json',
      'yarn.lock',
    ]) {
      const before =
        flightdeckLikeFiles[file as keyof typeof flightdeckLikeFiles];
      const expected =
        typeof before === 'string'
          ? before
          : `${JSON.stringify(before, null, 2)}\n`;
      expect(await workspace.read(join('.flightdeck/backup', file))).toBe(
        expected,
      );
    }
  });

  it('replaces the backup of an earlier sync', async () => {
    const stale = join(workspace.root, '.flightdeck/backup/plugins/gone');
    await mkdir(stale, { recursive: true });
    await writeFile(join(stale, 'package.json'), '{}');

    await syncTo158();

    // Copied back over the workspace, it would bring back a removed package.
    expect(existsSync(stale)).toBe(false);
  });
});
