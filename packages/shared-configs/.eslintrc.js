module.exports = require('@flightdeck/build-config/eslint')(__dirname, {
  // The configs are for service repositories, with their own dependencies.
  ignorePatterns: ['configs/'],
});
