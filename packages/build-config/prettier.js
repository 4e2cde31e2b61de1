// The root package.json points Prettier here; Backstage's style, unchanged.
module.exports = require('@backstage/cli/config/prettier.json');
