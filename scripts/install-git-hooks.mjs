// Runs after `yarn install`: points git at the hooks in .husky/. Skipped in
// CI and outside a git checkout (an unpacked tarball, a container build).
import { existsSync } from 'node:fs';

if (process.env.CI || process.env.HUSKY === '0' || !existsSync('.git')) {
  process.exit(0);
}
try {
  const { default: husky } = await import('husky');
  const message = husky();
  if (message) console.log(`husky: ${message}`);
} catch (error) {
  // An install without devDependencies has no husky; it needs no hooks.
  console.log(`note: git hooks not installed (${error.message})`);
}
