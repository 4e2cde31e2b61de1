module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The configs are for service repositories, with their own dependencies.
  ignorePatterns: ['configs/'],
});
