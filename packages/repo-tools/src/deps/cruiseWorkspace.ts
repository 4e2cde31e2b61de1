import type {
  ICruiseOptions,
  ICruiseResult,
  IReporterOutput,
  IViolation,
} from 'dependency-cruiser';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { dependencyRules } from './dependencyRules';
import { WorkspacePackage } from './workspacePackages';

/** One broken rule, said so that the reader knows what to change. */
export interface RuleViolation {
  rule: string;
  message: string;
}

/** Runs dependency-cruiser over every package's sources with the workspace rules. */
export async function cruiseWorkspace(
  root: string,
  packages: WorkspacePackage[],
): Promise<RuleViolation[]> {
  const result = await cruiseSources(root, packages, {
    validate: true,
    ruleSet: { forbidden: dependencyRules(packages) },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|dist-types|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map(describeViolation);
}

function describeViolation(violation: IViolation): RuleViolation {
  const rule = violation.rule.name;
  if (violation.cycle?.length) {
    const chain = [violation.from, ...violation.cycle.map(step => step.name)];
    return { rule, message: `import cycle: ${chain.join(' → ')}` };
  }
  return { rule, message: `${violation.from} → ${violation.to}` };
}

// dependency-cruiser is published as ES modules only, hence the dynamic
// imports; it reports paths relative to the working directory, hence chdir.
async function cruiseSources(
  root: string,
  packages: WorkspacePackage[],
  options: ICruiseOptions,
): Promise<IReporterOutput> {
  const { cruise } = await import('dependency-cruiser');
  const { default: extractTSConfig } = await import(
    'dependency-cruiser/config-utl/extract-ts-config'
  );
  const previous = process.cwd();
  process.chdir(root);
  try {
    return await cruise(
      packages
        .map(pkg => `${pkg.location}/src`)
        .filter(folder => existsSync(path.join(root, folder))),
      options,
      undefined,
      { tsConfig: extractTSConfig(path.join(root, 'tsconfig.json')) },
    );
  } finally {
    process.chdir(previous);
  }
}
