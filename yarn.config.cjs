// Yarn constraints (`yarn constraints`), run by `./flightdeck deps`.
// https://yarnpkg.com/features/constraints
const {
  frontendRoles,
  backendRoles,
} = require('./packages/build-config/packageRoles');

const roleOf = workspace => workspace.manifest.backstage?.role;

module.exports = {
  async constraints({ Yarn }) {
    // Coverage thresholds live in each package.json (jest.coverageThreshold)
    // and are enforced by `./flightdeck test`; plugins keep at least 70%.
    for (const workspace of Yarn.workspaces()) {
      const lines = workspace.manifest.jest?.coverageThreshold?.global?.lines;
      const tested =
        workspace.cwd !== '.' && Boolean(workspace.manifest.scripts?.test);
      if (workspace.cwd.startsWith('plugins/') && !(lines >= 70)) {
        workspace.error(
          `plugin packages need jest.coverageThreshold.global.lines of at least 70, found ${
            lines ?? 'none'
          }`,
        );
      } else if (
        tested &&
        lines === undefined &&
        !workspace.manifest.flightdeck?.coverageExemption
      ) {
        workspace.error(
          'a tested package needs jest.coverageThreshold.global.lines (or flightdeck.coverageExemption saying why not)',
        );
      }
    }

    const workspaces = new Map(Yarn.workspaces().map(w => [w.ident, w]));

    for (const dependency of Yarn.dependencies()) {
      const target = workspaces.get(dependency.ident);

      // A frontend package never depends on a backend one: its code would
      // be bundled for the browser.
      if (
        target &&
        dependency.type !== 'devDependencies' &&
        frontendRoles.includes(roleOf(dependency.workspace)) &&
        backendRoles.includes(roleOf(target))
      ) {
        dependency.error(
          `${dependency.workspace.ident} (${roleOf(
            dependency.workspace,
          )}) depends on the backend package ${dependency.ident} (${roleOf(
            target,
          )})`,
        );
      }

      // Workspace packages come from the workspace, never from a registry.
      if (
        target &&
        dependency.type !== 'peerDependencies' &&
        !/^(workspace|link):/.test(dependency.range)
      ) {
        dependency.update('workspace:^');
      }
    }

    // One release set: every workspace pins a Backstage package to the same
    // exact version (`./flightdeck upgrade-backstage` moves them together).
    const byIdent = new Map();
    for (const dependency of Yarn.dependencies()) {
      if (
        dependency.ident.startsWith('@backstage/') &&
        dependency.type !== 'peerDependencies'
      ) {
        byIdent.set(dependency.ident, [
          ...(byIdent.get(dependency.ident) ?? []),
          dependency,
        ]);
      }
    }
    for (const [ident, dependencies] of byIdent) {
      const counts = new Map();
      for (const { range } of dependencies) {
        counts.set(range, (counts.get(range) ?? 0) + 1);
      }
      const [usual] = [...counts].sort((a, b) => b[1] - a[1])[0];
      for (const dependency of dependencies) {
        if (!/^\d+\.\d+\.\d+$/.test(dependency.range)) {
          dependency.error(
            `${ident} must be pinned to an exact version, found "${dependency.range}"`,
          );
        } else if (dependency.range !== usual) {
          dependency.error(
            `${ident} is ${dependency.range} here but ${usual} in the other workspaces: one Backstage release set for the whole repository`,
          );
        }
      }
    }
  },
};
