import { assertError } from '@backstage/errors';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyBackstageSync } from './applyBackstageSync';
import {
  loadReleaseManifest,
  manifestDownloadUrls,
  ManifestSource,
} from './loadReleaseManifest';
import { planBackstageSync, planChangesNothing } from './planBackstageSync';
import { formatSyncPlan } from './formatSyncPlan';
import {
  findWorkspaceRoot,
  readWorkspacePackageFiles,
} from './workspacePackageFiles';

const DEFAULT_BACKUP_DIR = '.flightdeck/upgrade-check/backup';

const USAGE = `Usage: flightdeck-repo backstage-sync [--release <x.y.z> | --latest] [--manifest-file <path>] [--dry-run]

Moves every @backstage/* dependency of the workspace, and the root resolutions,
to the versions of one Backstage release, and backstage.json to that release.

  --release <x.y.z>       the release to move to
  --latest                the newest release (the default)
  --manifest-file <path>  the release manifest, downloaded elsewhere, for a
                          machine that cannot reach versions.backstage.io:
                          ${manifestDownloadUrls('<x.y.z>')[0]}
  --dry-run               print the plan and write nothing
  --backup-dir <path>     where the files are copied before they are written
                          (default: ${DEFAULT_BACKUP_DIR})
  --root <path>           the workspace (default: the one around this folder)
`;

const RELEASE_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** Where the command writes; the terminal unless a test says otherwise. */
export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const terminal: CommandOutput = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
};

/** `flightdeck-repo backstage-sync`: see USAGE. */
export async function run(
  args: string[],
  output: CommandOutput = terminal,
): Promise<number> {
  let options;
  try {
    options = parseArgs({
      args,
      options: {
        release: { type: 'string' },
        latest: { type: 'boolean' },
        'manifest-file': { type: 'string' },
        'dry-run': { type: 'boolean' },
        'backup-dir': { type: 'string' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    assertError(error);
    output.stderr(`backstage-sync: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    output.stdout(USAGE);
    return 0;
  }
  const source = manifestSourceOf(options);
  if (typeof source === 'string') {
    output.stderr(`backstage-sync: ${source}\n\n${USAGE}`);
    return 2;
  }

  const root = options.root
    ? resolve(options.root)
    : findWorkspaceRoot(process.cwd());
  if (!root) {
    output.stderr('backstage-sync: not inside a Yarn workspace\n');
    return 2;
  }

  let manifest;
  try {
    manifest = await loadReleaseManifest(source);
  } catch (error) {
    assertError(error);
    output.stderr(`backstage-sync: ${error.message}\n`);
    return 1;
  }
  if (options.release && manifest.releaseVersion !== options.release) {
    output.stderr(
      `backstage-sync: the manifest file is for release ${manifest.releaseVersion}, not ${options.release}\n`,
    );
    return 1;
  }

  const plan = planBackstageSync(
    await readWorkspacePackageFiles(root),
    manifest,
    await readRelease(root),
  );
  output.stdout(formatSyncPlan(plan));

  if (planChangesNothing(plan)) {
    output.stdout(
      `\nEvery Backstage package is already at release ${plan.toRelease}: nothing to change.\n`,
    );
    return 0;
  }
  if (options['dry-run']) {
    output.stdout('\nDry run: nothing written.\n');
    return 0;
  }

  const backupDir = resolve(root, options['backup-dir'] ?? DEFAULT_BACKUP_DIR);
  const written = await applyBackstageSync(root, plan, backupDir);
  const backup = relative(root, backupDir);
  const files = written.length === 1 ? '1 file' : `${written.length} files`;
  output.stdout(
    [
      '',
      `Wrote ${files}; the previous ones, and yarn.lock, are in ${backup}.`,
      'Not done yet: yarn install, yarn tsc and a start of the backend.',
      './flightdeck upgrade-backstage runs them, and undoes everything if one fails.',
      '',
    ].join('\n'),
  );
  return 0;
}

function manifestSourceOf(options: {
  release?: string;
  latest?: boolean;
  'manifest-file'?: string;
}): ManifestSource | string {
  const { release, latest, 'manifest-file': file } = options;
  if (release !== undefined && latest) {
    return 'give --release or --latest, not both';
  }
  if (release !== undefined && !RELEASE_VERSION.test(release)) {
    return `--release takes a release number such as 1.58.0, not '${release}'`;
  }
  if (file !== undefined) {
    if (latest) {
      return 'a manifest file holds one release: drop --latest (or name it with --release)';
    }
    return { kind: 'file', path: resolve(file) };
  }
  return release !== undefined
    ? { kind: 'release', version: release }
    : { kind: 'latest' };
}

async function readRelease(root: string): Promise<string | undefined> {
  try {
    const { version } = JSON.parse(
      await readFile(join(root, 'backstage.json'), 'utf8'),
    );
    return typeof version === 'string' ? version : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
