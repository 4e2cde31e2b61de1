import type {
  BackstageSyncPlan,
  DependencyDeclaration,
  DependencySection,
} from './planBackstageSync';

const SECTION_NOTES: Record<DependencySection, string> = {
  dependencies: '',
  devDependencies: ' (dev)',
  peerDependencies: ' (peer)',
  resolutions: ' (resolution)',
};
const PLACES_SHOWN = 3;

/** The plan as a table a person reads before anything is written. */
export function formatSyncPlan(plan: BackstageSyncPlan): string {
  const lines = [
    `Backstage ${plan.fromRelease ?? '(no backstage.json)'} → ${
      plan.toRelease
    }`,
  ];

  const bumps = groupBy(plan.bumps, bump => [bump.name, bump.spec, bump.to]);
  if (bumps.length) {
    lines.push(
      '',
      ...table([
        ['package', 'from → to', 'where'],
        ...bumps.map(places => [
          places[0].name,
          `${places[0].spec} → ${places[0].to}`,
          where(places),
        ]),
      ]),
    );
  }

  const left = groupBy(plan.left, dep => [dep.name, dep.spec, dep.reason]);
  if (left.length) {
    lines.push(
      '',
      `Left as they are: check that each works with Backstage ${plan.toRelease}.`,
      ...table([
        ['package', 'version', 'where', 'why'],
        ...left.map(places => [
          places[0].name,
          places[0].spec,
          where(places),
          places[0].reason,
        ]),
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}

function where(places: DependencyDeclaration[]): string {
  const shown = places
    .slice(0, PLACES_SHOWN)
    .map(place => `${folderOf(place.file)}${SECTION_NOTES[place.section]}`)
    .join(', ');
  const more = places.length - PLACES_SHOWN;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

function folderOf(file: string): string {
  return file === 'package.json'
    ? 'root'
    : file.replace(/\/package\.json$/, '');
}

function groupBy<T>(items: T[], keyOf: (item: T) => string[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = JSON.stringify(keyOf(item));
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()].sort((a, b) =>
    JSON.stringify(keyOf(a[0])).localeCompare(JSON.stringify(keyOf(b[0]))),
  );
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map(row => row[column].length)),
  );
  return rows.map(row =>
    row
      .map((cell, column) =>
        column === row.length - 1 ? cell : cell.padEnd(widths[column]),
      )
      .join('  '),
  );
}
