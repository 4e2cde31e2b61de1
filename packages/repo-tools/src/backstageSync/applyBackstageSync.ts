import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BackstageSyncPlan } from './planBackstageSync';

const RELEASE_FILE = 'backstage.json';
// Not written here, but the install that follows a sync rewrites it.
const LOCK_FILE = 'yarn.lock';

/**
 * Writes the plan: the new versions into the package.json files and the
 * release into backstage.json. First, every file the sync or the install
 * after it changes is copied into `backupDir` under its path in the
 * workspace, so that copying the folder back over the workspace undoes it.
 *
 * @returns the files written, relative to the workspace root
 */
export async function applyBackstageSync(
  root: string,
  plan: BackstageSyncPlan,
  backupDir: string,
): Promise<string[]> {
  const packageFiles = [...new Set(plan.bumps.map(bump => bump.file))];
  const releaseChanges = plan.fromRelease !== plan.toRelease;
  const written = releaseChanges
    ? [...packageFiles, RELEASE_FILE]
    : packageFiles;

  await backUp(root, [...written, LOCK_FILE], backupDir);

  for (const file of packageFiles) {
    const path = join(root, file);
    const json = JSON.parse(await readFile(path, 'utf8'));
    for (const bump of plan.bumps.filter(b => b.file === file)) {
      json[bump.section][bump.key] = bump.to;
    }
    // The layout Yarn and Prettier give package.json files.
    await writeFile(path, `${JSON.stringify(json, null, 2)}\n`);
  }
  if (releaseChanges) await writeRelease(root, plan.toRelease);
  return written;
}

async function backUp(root: string, files: string[], backupDir: string) {
  await rm(backupDir, { recursive: true, force: true });
  for (const file of files) {
    await mkdir(dirname(join(backupDir, file)), { recursive: true });
    try {
      await copyFile(join(root, file), join(backupDir, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

// backstage.json is written on one line by create-app and kept so by
// Prettier, so only the version inside it is replaced.
async function writeRelease(root: string, version: string) {
  const path = join(root, RELEASE_FILE);
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const versionField = /("version"\s*:\s*)"[^"]*"/;
  let updated: string;
  if (text === undefined) {
    updated = `{ "version": ${JSON.stringify(version)} }\n`;
  } else if (versionField.test(text)) {
    updated = text.replace(
      versionField,
      (_, key) => `${key}${JSON.stringify(version)}`,
    );
  } else {
    updated = `${JSON.stringify({ ...JSON.parse(text), version }, null, 2)}\n`;
  }
  await writeFile(path, updated);
}
