import { ConfigReader } from '@backstage/config';
import { JsonObject, JsonValue } from '@backstage/types';
import yaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../../..');

/** The files the container runs with (packages/backend/Dockerfile). */
export const productionConfigFiles = [
  'app-config.yaml',
  'app-config.postgres.yaml',
  'app-config.production.yaml',
];

/** The files ./flightdeck start, serve and seed run the backend with. */
export const localConfigFiles = [
  'app-config.yaml',
  'app-config.localhost.yaml',
];

/**
 * Backstage's `${VAR}` and `${VAR:-fallback}` in a string; an unset variable
 * without a fallback leaves the value out, as the config loader does.
 */
function substitute(
  value: JsonValue,
  env: Record<string, string>,
): JsonValue | undefined {
  if (typeof value === 'string') {
    let unset = false;
    const result = value.replace(
      /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
      (_, name: string, fallback?: string) => {
        const found = env[name] ?? fallback;
        if (found === undefined) unset = true;
        return found ?? '';
      },
    );
    return unset ? undefined : result;
  }
  if (Array.isArray(value)) {
    return value.flatMap(item => {
      const substituted = substitute(item, env);
      return substituted === undefined ? [] : [substituted];
    });
  }
  if (value && typeof value === 'object') {
    const result: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      const substituted = substitute(item!, env);
      if (substituted !== undefined) result[key] = substituted;
    }
    return result;
  }
  return value;
}

/**
 * The configuration the backend reads from these app-config files of the
 * repository, later files over earlier ones, with `env` as the environment.
 */
export function readAppConfig(
  files: string[],
  env: Record<string, string> = {},
): ConfigReader {
  return ConfigReader.fromConfigs(
    files.map(file => ({
      context: file,
      data: substitute(
        yaml.load(
          readFileSync(path.join(repoRoot, file), 'utf8'),
        ) as JsonObject,
        env,
      ) as JsonObject,
    })),
  );
}
