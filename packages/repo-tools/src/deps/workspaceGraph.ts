import { instance } from '@viz-js/viz';
import { isBackend, isFrontend, WorkspacePackage } from './workspacePackages';

const quote = (text: string) => `"${text.replace(/"/g, '\\"')}"`;

function fillOf(pkg: WorkspacePackage) {
  if (isFrontend(pkg)) return '#d6e9ff';
  if (isBackend(pkg)) return '#ffe3c7';
  if (pkg.role === 'common-library') return '#e6f4dc';
  return '#f2f2f2';
}

/**
 * The workspace packages and the dependencies their package.json files
 * declare, in Graphviz dot: frontend blue, backend orange, shared green,
 * tools grey; an arrow reads "depends on", dashed for a devDependency.
 */
export function workspaceGraphDot(packages: WorkspacePackage[]): string {
  const byName = new Map(packages.map(pkg => [pkg.name, pkg]));
  const nodes = [...packages]
    .sort((a, b) => a.location.localeCompare(b.location))
    .map(
      pkg =>
        `  ${quote(pkg.location)} [label=${quote(
          `${pkg.name}\\n${pkg.role ?? 'config'}`,
        )} fillcolor=${quote(fillOf(pkg))}];`,
    );
  const edges = packages
    .flatMap(pkg =>
      [...pkg.declared]
        .filter(name => byName.has(name) && name !== pkg.name)
        .map(name => {
          const dashed = pkg.dependencies.has(name) ? '' : ' [style=dashed]';
          return `  ${quote(pkg.location)} -> ${quote(
            byName.get(name)!.location,
          )}${dashed};`;
        }),
    )
    .sort();
  return [
    'digraph workspace {',
    '  rankdir=LR;',
    '  node [shape=box style="rounded,filled" fontname="Helvetica" fontsize=11 color="#555555"];',
    '  edge [color="#777777" arrowsize=0.7];',
    ...nodes,
    ...edges,
    '}',
    '',
  ].join('\n');
}

/** Renders dot to SVG with Graphviz compiled to WebAssembly (no system install). */
export async function renderSvg(dot: string): Promise<string> {
  const viz = await instance();
  return viz.renderString(dot, { format: 'svg' });
}
