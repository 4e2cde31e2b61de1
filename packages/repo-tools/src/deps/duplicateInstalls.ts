import { execFileSync } from 'node:child_process';

/** A package installed in more than one version. */
export interface DuplicateInstall {
  name: string;
  versions: string[];
}

/**
 * Packages that must exist once in the install: every `@backstage/*` (one
 * release set) and React (two copies break hooks and context).
 */
export const singleVersionPackages = (name: string) =>
  name.startsWith('@backstage/') || name === 'react' || name === 'react-dom';

/**
 * Finds duplicates among the locators Yarn lists for the whole install
 * (`yarn info --all --recursive --name-only --json`, one JSON string per
 * line such as `"react@npm:18.3.1"`).
 */
export function findDuplicateInstalls(
  locators: string[],
  mustBeSingle: (name: string) => boolean = singleVersionPackages,
): DuplicateInstall[] {
  const versions = new Map<string, Set<string>>();
  for (const locator of locators) {
    const match = /^(@?[^@]+)@npm:(.+)$/.exec(locator);
    if (!match || !mustBeSingle(match[1])) continue;
    const [, name, version] = match;
    versions.set(name, (versions.get(name) ?? new Set()).add(version));
  }
  return [...versions]
    .filter(([, found]) => found.size > 1)
    .map(([name, found]) => ({ name, versions: [...found].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function listInstalledLocators(root: string): string[] {
  const output = execFileSync(
    'yarn',
    ['info', '--all', '--recursive', '--name-only', '--json'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return output
    .split('\n')
    .filter(line => line.trim())
    .map(line => JSON.parse(line) as string);
}
