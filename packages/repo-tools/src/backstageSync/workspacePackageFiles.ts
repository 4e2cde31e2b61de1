import { assertError } from '@backstage/errors';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A package.json of the workspace, its path relative to the workspace root. */
export interface PackageJsonFile {
  path: string;
  json: Record<string, unknown>;
}

// The folders of the root package.json's `workspaces`; Flightdeck has no others.
const WORKSPACE_FOLDERS = ['packages', 'plugins'];

/** Reads the root package.json and those of packages/* and plugins/*. */
export async function readWorkspacePackageFiles(
  root: string,
): Promise<PackageJsonFile[]> {
  const paths = ['package.json'];
  for (const folder of WORKSPACE_FOLDERS) {
    const entries =
      (await whenExists(
        readdir(join(root, folder), { withFileTypes: true }),
      )) ?? [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) {
        paths.push(`${folder}/${entry.name}/package.json`);
      }
    }
  }
  const files: PackageJsonFile[] = [];
  for (const path of paths) {
    const text = await whenExists(readFile(join(root, path), 'utf8'));
    if (text === undefined) continue;
    try {
      files.push({ path, json: JSON.parse(text) });
    } catch (error) {
      assertError(error);
      throw new Error(`${path} is not valid JSON: ${error.message}`);
    }
  }
  return files;
}

/** The folder holding the package.json with `workspaces`, from `start` up. */
export function findWorkspaceRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).workspaces) {
      return dir;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

async function whenExists<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
