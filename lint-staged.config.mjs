// What the pre-commit hook runs on the staged files.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const quote = files => files.map(file => JSON.stringify(file)).join(' ');

/** The workspace packages (by name) that hold the given files. */
function packagesOf(files) {
  const names = new Set();
  for (const file of files) {
    const [folder, name] = path.relative(root, file).split(path.sep);
    if (folder !== 'packages' && folder !== 'plugins') continue;
    try {
      const manifest = path.join(root, folder, name, 'package.json');
      names.add(JSON.parse(readFileSync(manifest, 'utf8')).name);
    } catch {
      // A file outside any package.
    }
  }
  return [...names];
}

export default {
  '*.{js,jsx,ts,tsx,cjs,mjs,json,yaml,yml}': files =>
    `prettier --write ${quote(files)}`,
  '{packages,plugins}/*/src/**/*.{js,jsx,ts,tsx}': files =>
    `eslint --max-warnings=0 ${quote(files)}`,
  // Each touched package and every package that depends on it ("name...");
  // turbo replays the ones whose inputs are unchanged from its cache.
  '{packages,plugins}/*/**/*.{ts,tsx}': files => {
    const filters = packagesOf(files).map(name => `--filter=${name}...`);
    return `turbo run typecheck --output-logs=errors-only ${filters.join(' ')}`;
  },
  '{e2e/**/*.ts,playwright.config.ts}': () =>
    'turbo run typecheck --output-logs=errors-only --filter=//',
};
