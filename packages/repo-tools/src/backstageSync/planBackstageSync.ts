import type { ReleaseManifest } from '@backstage/release-manifests';
import type { PackageJsonFile } from './workspacePackageFiles';

export type DependencySection =
  | 'dependencies'
  | 'devDependencies'
  | 'peerDependencies'
  | 'resolutions';

/** One place a dependency is declared. */
export interface DependencyDeclaration {
  /** The package.json, relative to the workspace root. */
  file: string;
  section: DependencySection;
  /** The key in the section: the package name, or a resolution pattern. */
  key: string;
  name: string;
  spec: string;
}

export interface PlannedBump extends DependencyDeclaration {
  to: string;
}

/** A dependency of the Backstage family that the sync cannot move. */
export interface LeftDependency extends DependencyDeclaration {
  reason: 'not in the release' | 'not a version';
}

export interface BackstageSyncPlan {
  /** The release in backstage.json, if there is one. */
  fromRelease?: string;
  toRelease: string;
  bumps: PlannedBump[];
  left: LeftDependency[];
}

const PACKAGE_SECTIONS: DependencySection[] = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
];
const ROOT_FILE = 'package.json';

// Community plugins are not in a release, but they are built against one and
// so belong to the family whose versions must be reported.
const FAMILY_SCOPES = ['@backstage/', '@backstage-community/'];

/**
 * Every move that takes the workspace to the manifest's release: each
 * dependency of the Backstage family to the release's version, keeping its
 * range operator, and those the release does not list set aside to report.
 */
export function planBackstageSync(
  files: PackageJsonFile[],
  manifest: ReleaseManifest,
  fromRelease?: string,
): BackstageSyncPlan {
  const releaseVersions = new Map(
    manifest.packages.map(({ name, version }) => [name, version]),
  );
  const bumps: PlannedBump[] = [];
  const left: LeftDependency[] = [];

  for (const declaration of declarationsOf(files)) {
    const { name, spec } = declaration;
    const inRelease = releaseVersions.get(name);
    if (inRelease === undefined) {
      if (FAMILY_SCOPES.some(scope => name.startsWith(scope))) {
        left.push({ ...declaration, reason: 'not in the release' });
      }
      continue;
    }
    const range = rangeOperatorOf(spec);
    if (range === undefined) {
      left.push({ ...declaration, reason: 'not a version' });
      continue;
    }
    const to = `${range}${inRelease}`;
    if (to !== spec) bumps.push({ ...declaration, to });
  }

  return { fromRelease, toRelease: manifest.releaseVersion, bumps, left };
}

/** Whether applying the plan would change any file. */
export function planChangesNothing(plan: BackstageSyncPlan): boolean {
  return plan.bumps.length === 0 && plan.fromRelease === plan.toRelease;
}

function* declarationsOf(
  files: PackageJsonFile[],
): Generator<DependencyDeclaration> {
  for (const { path, json } of files) {
    const sections: DependencySection[] =
      path === ROOT_FILE
        ? [...PACKAGE_SECTIONS, 'resolutions']
        : PACKAGE_SECTIONS;
    for (const section of sections) {
      const entries = json[section];
      if (!entries || typeof entries !== 'object') continue;
      for (const [key, spec] of Object.entries(entries)) {
        const name = section === 'resolutions' ? resolvedPackageName(key) : key;
        if (name && typeof spec === 'string') {
          yield { file: path, section, key, name, spec };
        }
      }
    }
  }
}

/**
 * The package a resolution applies to: the last descriptor of the pattern,
 * as in `@backstage/x`, `@backstage/x@^1.0.0` or `**\/@backstage/x`.
 */
export function resolvedPackageName(pattern: string): string | undefined {
  return pattern.match(/(?:^|\/)((?:@[^/@]+\/)?[^/@]+)(?:@[^/]*)?$/)?.[1];
}

/** `''`, `'^'` or `'~'` (with an `npm:` protocol kept), or undefined. */
function rangeOperatorOf(spec: string): string | undefined {
  return spec.match(
    /^((?:npm:)?[~^]?)\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/,
  )?.[1];
}
