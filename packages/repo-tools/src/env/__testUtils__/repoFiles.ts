import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The root of the Flightdeck repository these tests run in. */
export const repoRoot = path.resolve(__dirname, '../../../../..');

export function readRepoFile(relativePath: string): string {
  return readFileSync(path.join(repoRoot, relativePath), 'utf8');
}
