// Which Backstage package roles run in the browser and which in Node. Read
// by the dependency rules (yarn.config.cjs and flightdeck-repo deps).
module.exports = {
  frontendRoles: [
    'frontend',
    'frontend-plugin',
    'frontend-plugin-module',
    'web-library',
  ],
  backendRoles: [
    'backend',
    'backend-plugin',
    'backend-plugin-module',
    'node-library',
  ],
};
