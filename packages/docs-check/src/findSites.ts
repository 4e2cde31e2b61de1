import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Folders that hold no site of ours: dependencies, build output, skeletons rendered later. */
const SKIPPED = new Set([
  'node_modules',
  '.git',
  '.flightdeck',
  'dist',
  'dist-types',
  'skeletons',
]);

/** The mkdocs.yml of every TechDocs site under `root`, sorted. */
export async function findSites(root: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(root, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) {
      found.push(...(await findSites(join(root, entry.name))));
    } else if (entry.isFile() && entry.name === 'mkdocs.yml') {
      found.push(join(root, entry.name));
    }
  }
  return found.sort();
}
