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
 * tools grey; an arrow reads "depends on", dashed for a devDependency. A
 * package that every other one depends on (the build config) is named in
 * the caption instead of drawn with an arrow from each.
 */
export function workspaceGraphDot(packages: WorkspacePackage[]): string {
  const everywhere = packages.filter(
    pkg =>
      packages.length > 2 &&
      packages.every(other => other === pkg || other.declared.has(pkg.name)),
  );
  const drawn = packages.filter(pkg => !everywhere.includes(pkg));
  const byName = new Map(drawn.map(pkg => [pkg.name, pkg]));
  const label = (pkg: WorkspacePackage) =>
    `${pkg.name.replace(/^@flightdeck\//, '')}\n${pkg.role ?? 'config'}`;
  const nodes = [...drawn]
    .sort((a, b) => a.location.localeCompare(b.location))
    .map(
      pkg =>
        `  ${quote(pkg.location)} [label=${quote(label(pkg))} fillcolor=${quote(
          fillOf(pkg),
        )}];`,
    );
  const edges = drawn
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
  const caption = everywhere.length
    ? [
        `  label=${quote(
          `Every package also depends on ${everywhere
            .map(pkg => pkg.name)
            .join(', ')}`,
        )};`,
        '  labelloc=b; fontname="Helvetica"; fontsize=11;',
      ]
    : [];
  return [
    'digraph workspace {',
    '  rankdir=LR;',
    ...caption,
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
