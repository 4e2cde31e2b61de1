// Conventional Commits, as release notes and version bumps are computed
// from them. Managed by Flightdeck.
module.exports = {
  extends: ['@commitlint/config-conventional'],
  rules: {
    'header-max-length': [2, 'always', 100],
  },
};
