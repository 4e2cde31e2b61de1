module.exports = require('@flightdeck/build-config/eslint')(__dirname);
