import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One config file as a repository carries it, at the root. @public */
export interface SharedConfigFile {
  path: string;
  content: string;
  sha256: string;
}

/** The configs of one release of this package. @public */
export interface SharedConfigs {
  version: string;
  files: SharedConfigFile[];
}

/**
 * What a repository records about the configs it received, so that drift
 * can be told from an older version.
 *
 * @public
 */
export interface SharedConfigsManifest {
  version: string;
  /** Path to the sha256 of the content written. */
  files: Record<string, string>;
}

/** Where in a repository the manifest lives. @public */
export const SHARED_CONFIGS_MANIFEST_PATH = '.flightdeck/shared-configs.json';

const PACKAGE = '@flightdeck/shared-configs';

/**
 * Reads the configs this package ships and its version. The version is the
 * package's own: bump it whenever a file under configs/ changes.
 *
 * @public
 */
export async function loadSharedConfigs(): Promise<SharedConfigs> {
  const { version } = JSON.parse(
    await readFile(resolvePackagePath(PACKAGE, 'package.json'), 'utf8'),
  );
  const directory = resolvePackagePath(PACKAGE, 'configs');
  const names = (await readdir(directory)).sort();
  const files = await Promise.all(
    names.map(async path => {
      const content = await readFile(join(directory, path), 'utf8');
      const sha256 = createHash('sha256').update(content).digest('hex');
      return { path, content, sha256 };
    }),
  );
  return { version, files };
}
