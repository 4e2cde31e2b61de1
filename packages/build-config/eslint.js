// Every package's .eslintrc.js is `require('@flightdeck/build-config/eslint')(__dirname)`.
// Backstage's factory picks the rules for the package's role (frontend,
// backend, library) from its package.json; house rules are added here.
const createConfig = require('@backstage/cli/config/eslint-factory');

module.exports = (dir, extraConfig = {}) =>
  createConfig(dir, {
    ...extraConfig,
    restrictedImportPatterns: [
      // A package is used through its entry point, never its internals.
      '@flightdeck/*/src',
      '@flightdeck/*/src/*',
      ...(extraConfig.restrictedImportPatterns ?? []),
    ],
  });
