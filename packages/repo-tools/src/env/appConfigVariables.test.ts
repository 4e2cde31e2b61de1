import { readdirSync } from 'node:fs';
import path from 'node:path';
import { environmentVariables } from './environmentVariables';
import { readRepoFile, repoRoot } from './__testUtils__/repoFiles';

const schema = new Map(
  environmentVariables.map(variable => [variable.name, variable]),
);

interface Substitution {
  file: string;
  name: string;
  fallback?: string;
}

// Backstage's `${VAR}` and `${VAR:-fallback}`; `$${...}` is an escape.
function substitutions(file: string): Substitution[] {
  return [
    ...readRepoFile(file).matchAll(
      /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    ),
  ].map(([, name, fallback]) => ({ file, name, fallback }));
}

const appConfigFiles = readdirSync(repoRoot).filter(file =>
  /^app-config.*\.ya?ml$/.test(file),
);
const used = appConfigFiles.flatMap(substitutions);

describe('environment variables of the app-config files', () => {
  it('reads app-config files with substitutions', () => {
    expect(appConfigFiles).toContain('app-config.yaml');
    expect(used.length).toBeGreaterThan(10);
  });

  it('has every ${VAR} of app-config*.yaml in the schema', () => {
    expect(
      used
        .filter(({ name }) => !schema.has(name))
        .map(({ file, name }) => `${file}: ${name}`),
    ).toEqual([]);
  });

  it('falls back to the default the schema documents', () => {
    const disagreeing = used
      .filter(({ name, fallback }) => {
        const documented = schema.get(name)?.default;
        return fallback && documented !== undefined && fallback !== documented;
      })
      .map(
        ({ file, name, fallback }) =>
          `${file}: ${name} falls back to ${fallback}, .env.example says ${
            schema.get(name)?.default
          }`,
      );
    expect(disagreeing).toEqual([]);
  });
});

describe('environment variables of the scripts', () => {
  const scripts = [
    ...readdirSync(path.join(repoRoot, 'scripts'))
      .filter(file => file.endsWith('.mjs'))
      .map(file => `scripts/${file}`),
    'playwright.config.ts',
  ];

  it.each(scripts)(
    'has every process.env variable of %s in the schema',
    file => {
      const names = [
        ...readRepoFile(file).matchAll(/process\.env\.([A-Z_][A-Z0-9_]*)/g),
      ].map(([, name]) => name);
      expect(names.filter(name => !schema.has(name))).toEqual([]);
    },
  );
});
