import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import packageRoles from '@flightdeck/build-config/packageRoles';

/** A package of the Yarn workspace, as its package.json describes it. */
export interface WorkspacePackage {
  name: string;
  /** Folder relative to the repository root, e.g. `plugins/deployments`. */
  location: string;
  /** Backstage's package role (`frontend-plugin`, `backend`, ...), if any. */
  role?: string;
  /** Entry files relative to the repository root (`main`, `types`, `exports`). */
  entries: string[];
  /** Names in dependencies and peerDependencies. */
  dependencies: Set<string>;
  /** Names in devDependencies. */
  devDependencies: Set<string>;
  /** All the names this package declares. */
  declared: Set<string>;
}

const frontendRoles = new Set<string>(packageRoles.frontendRoles);
const backendRoles = new Set<string>(packageRoles.backendRoles);

export const isFrontend = (pkg: WorkspacePackage) =>
  frontendRoles.has(pkg.role ?? '');
export const isBackend = (pkg: WorkspacePackage) =>
  backendRoles.has(pkg.role ?? '');

/** The workspace's packages, listed by Yarn itself (the root excluded). */
export function listWorkspacePackages(root: string): WorkspacePackage[] {
  const listing = execFileSync('yarn', ['workspaces', 'list', '--json'], {
    cwd: root,
    encoding: 'utf8',
  });
  return listing
    .split('\n')
    .filter(line => line.trim())
    .map(line => JSON.parse(line) as { name: string; location: string })
    .filter(({ location }) => location !== '.')
    .map(({ location }) => readWorkspacePackage(root, location));
}

export function readWorkspacePackage(
  root: string,
  location: string,
): WorkspacePackage {
  const manifest = JSON.parse(
    readFileSync(path.join(root, location, 'package.json'), 'utf8'),
  );
  const names = (...fields: string[]) =>
    fields.flatMap(field => Object.keys(manifest[field] ?? {}));
  // Entries are `main`, `types` and every target of `exports`.
  const exportTargets = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : Object.values(value ?? {}).flatMap(exportTargets);
  const entries = [
    manifest.main,
    manifest.types,
    ...exportTargets(manifest.exports),
  ]
    .filter((entry): entry is string => typeof entry === 'string')
    .map(entry => path.posix.join(location, entry));
  return {
    name: manifest.name,
    location,
    role: manifest.backstage?.role,
    entries: [...new Set(entries)],
    dependencies: new Set(names('dependencies', 'peerDependencies')),
    devDependencies: new Set(names('devDependencies')),
    declared: new Set(
      names('dependencies', 'peerDependencies', 'devDependencies'),
    ),
  };
}
