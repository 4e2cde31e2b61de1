import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cruiseWorkspace } from './cruiseWorkspace';
import {
  findDuplicateInstalls,
  listInstalledLocators,
} from './duplicateInstalls';
import { listWorkspacePackages } from './workspacePackages';
import { renderSvg, workspaceGraphDot } from './workspaceGraph';

export const graphFile = 'docs/images/workspace-dependencies.svg';

/**
 * `flightdeck-repo deps [--check]`: every dependency rule of the workspace,
 * then the package graph for the docs. With --check (as in the test suite)
 * a graph that no longer matches the package.json files is an error instead
 * of being rewritten.
 */
export async function run(args: string[]): Promise<number> {
  const unknown = args.filter(arg => arg !== '--check');
  if (unknown.length) {
    process.stderr.write(
      `flightdeck-repo deps: unknown argument ${unknown.join(
        ' ',
      )} (usage: deps [--check])\n`,
    );
    return 2;
  }
  const check = args.includes('--check');
  const root = process.cwd();
  const packages = listWorkspacePackages(root);
  let failed = 0;
  let checks = 0;
  const report = (title: string, problems: string[]) => {
    process.stdout.write(
      problems.length
        ? `✗ ${title}\n${problems.map(p => `    ${p}`).join('\n')}\n`
        : `✓ ${title}\n`,
    );
    checks += 1;
    if (problems.length) failed += 1;
  };

  const violations = await cruiseWorkspace(root, packages);
  report(
    `imports (dependency-cruiser, ${packages.length} packages): no cycles, no package internals, no frontend → backend, every import declared`,
    violations.map(v => `${v.rule}: ${v.message}`),
  );

  report(
    'package.json files (yarn constraints): frontend never depends on backend, one Backstage release set, workspace packages from the workspace, coverage thresholds',
    yarnConstraints(root),
  );

  report(
    'install: one version of each @backstage/* package and of React',
    findDuplicateInstalls(listInstalledLocators(root)).map(
      d => `${d.name} is installed in ${d.versions.join(' and ')}`,
    ),
  );

  const svg = await renderSvg(workspaceGraphDot(packages));
  const target = path.join(root, graphFile);
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (check) {
    report(
      `dependency graph in ${graphFile} is current`,
      current === svg
        ? []
        : [`${graphFile} is out of date: run ./flightdeck deps and commit it`],
    );
  } else if (current !== svg) {
    writeFileSync(target, svg);
    process.stdout.write(`  wrote ${graphFile}\n`);
  }

  if (failed) {
    process.stdout.write(`\n${failed} of ${checks} dependency checks failed\n`);
  }
  return failed ? 1 : 0;
}

function yarnConstraints(root: string): string[] {
  try {
    execFileSync('yarn', ['constraints'], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...process.env, YARN_ENABLE_COLORS: '0' },
    });
    return [];
  } catch (error: any) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    // Yarn prints a tree: each workspace, then its problems under it.
    const lines = output
      .split('\n')
      .map(line => line.trimEnd())
      .filter(line => /─ /.test(line))
      .map(line => line.replace(/^[│\s]*[├└]─ /, ''));
    return lines.length ? lines : [output.trim()];
  }
}
