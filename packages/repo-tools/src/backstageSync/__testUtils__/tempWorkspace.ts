import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempWorkspace {
  root: string;
  read(path: string): Promise<string>;
  remove(): Promise<void>;
}

/**
 * A workspace in a temporary folder. Objects are written as Yarn writes a
 * package.json (2 spaces, final newline), strings as they are.
 */
export async function createTempWorkspace(
  files: Record<string, object | string>,
): Promise<TempWorkspace> {
  const root = await mkdtemp(join(tmpdir(), 'backstage-sync-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(
      join(root, path),
      typeof content === 'string'
        ? content
        : `${JSON.stringify(content, null, 2)}\n`,
    );
  }
  return {
    root,
    read: path => readFile(join(root, path), 'utf8'),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** The Flightdeck layout in small: a root, a backend, a frontend plugin. */
export const flightdeckLikeFiles = {
  'backstage.json': '{ "version": "1.57.0" }\n',
  'yarn.lock': '# the lockfile before the sync\n',
  'package.json': {
    name: 'flightdeck',
    private: true,
    workspaces: ['packages/*', 'plugins/*'],
    devDependencies: {
      '@backstage/cli': '0.36.8',
      prettier: '2.8.8',
    },
    resolutions: {
      '@types/react': '18.3.32',
      '@backstage/backend-defaults': '0.19.0',
    },
  },
  'packages/backend/package.json': {
    name: 'backend',
    version: '0.1.0',
    dependencies: {
      '@backstage/backend-defaults': '0.19.0',
      '@backstage/plugin-catalog-backend': '4.0.5',
      '@flightdeck/plugin-deployments-backend': 'workspace:^',
      knex: '3.1.0',
    },
    devDependencies: { '@backstage/cli': '0.36.8' },
  },
  'plugins/deployments/package.json': {
    name: '@flightdeck/plugin-deployments',
    version: '0.1.0',
    dependencies: {
      '@backstage/frontend-plugin-api': '1.0.0',
      '@backstage-community/plugin-github-actions': '0.9.0',
    },
    peerDependencies: { react: '^18.0.0' },
    devDependencies: { '@backstage/cli': '0.36.8' },
  },
};

/** Release 1.58.0 of the packages above; the community plugin is not in it. */
export const release158 = {
  '@backstage/cli': '0.37.0',
  '@backstage/backend-defaults': '0.20.0',
  '@backstage/plugin-catalog-backend': '4.1.0',
  '@backstage/frontend-plugin-api': '1.1.0',
};

/** Release 1.57.0, the one the workspace above is on. */
export const release157 = {
  '@backstage/cli': '0.36.8',
  '@backstage/backend-defaults': '0.19.0',
  '@backstage/plugin-catalog-backend': '4.0.5',
  '@backstage/frontend-plugin-api': '1.0.0',
};
