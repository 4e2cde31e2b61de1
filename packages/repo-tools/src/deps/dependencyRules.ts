import type { IForbiddenRuleType } from 'dependency-cruiser';
import { isBackend, isFrontend, WorkspacePackage } from './workspacePackages';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const under = (packages: WorkspacePackage[]) =>
  `^(${packages.map(pkg => escape(pkg.location)).join('|')})/`;

/**
 * The rules dependency-cruiser enforces on the workspace. They are built
 * from the packages' manifests (roles, entries, declared dependencies);
 * dependency-cruiser resolves the imports and finds the violations.
 */
export function dependencyRules(
  packages: WorkspacePackage[],
): IForbiddenRuleType[] {
  const entries = packages.flatMap(pkg => pkg.entries).map(escape);
  const frontend = packages.filter(isFrontend);
  const backend = packages.filter(isBackend);
  const rules: IForbiddenRuleType[] = [
    {
      name: 'no-import-cycle',
      severity: 'error',
      comment:
        'An import cycle, inside a package or between packages, makes load order and mocking fragile.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-package-internals',
      severity: 'error',
      comment:
        'Another package is used through its public entry (package.json main), not a file inside it.',
      from: { path: '^(packages|plugins)/([^/]+)/' },
      to: {
        path: '^(packages|plugins)/[^/]+/',
        pathNot: ['^$1/$2/', `^(${entries.join('|')})$`],
      },
    },
    {
      name: 'no-undeclared-npm-dependency',
      severity: 'error',
      comment:
        "An npm package imported but missing from the importing package's package.json.",
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ];
  if (frontend.length && backend.length) {
    rules.push({
      name: 'no-frontend-to-backend',
      severity: 'error',
      comment:
        'Frontend code runs in the browser; backend packages bring Node-only code and secrets.',
      from: { path: under(frontend) },
      to: { path: under(backend) },
    });
  }
  for (const pkg of packages) {
    const declared = packages.filter(
      other => other === pkg || pkg.declared.has(other.name),
    );
    rules.push({
      name: 'no-undeclared-workspace-dependency',
      severity: 'error',
      comment: `${pkg.name} imports a workspace package missing from its package.json.`,
      from: { path: `^${escape(pkg.location)}/` },
      to: { path: '^(packages|plugins)/', pathNot: under(declared) },
    });
  }
  return rules;
}
