// Commit messages follow Conventional Commits: `feat(deployments): ...`,
// `fix: ...`, `docs: ...`; checked by the commit-msg hook.
module.exports = {
  extends: ['@commitlint/config-conventional'],
};
