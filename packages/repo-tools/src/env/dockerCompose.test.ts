import { parse } from 'yaml';
import { environmentVariables } from './environmentVariables';
import { readRepoFile } from './__testUtils__/repoFiles';

// There is no Docker engine where the tests run, so docker-compose.yml is
// checked for what a developer relies on rather than started.

interface Service {
  image: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] | string };
}

const text = readRepoFile('docker-compose.yml');
// As Compose reads it with no .env: every ${VAR:-default} at its default.
const compose = parse(text.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const { postgres, redis } = compose.services;

const schemaDefault = (name: string) =>
  environmentVariables.find(variable => variable.name === name)?.default;

describe('docker-compose.yml', () => {
  it('runs PostgreSQL and Redis', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'redis']);
  });

  it('pins exact image versions', () => {
    for (const { image } of Object.values(compose.services)) {
      expect(image).toMatch(/^[a-z]+:\d+\.\d+(\.\d+)?-[a-z]+$/);
    }
  });

  it('publishes its ports on the loopback interface only, where the defaults expect them', () => {
    expect(postgres.ports).toEqual([
      `127.0.0.1:${schemaDefault('POSTGRES_PORT')}:5432`,
    ]);
    const redisPort = new URL(schemaDefault('REDIS_URL')!).port;
    expect(redis.ports).toEqual([`127.0.0.1:${redisPort}:6379`]);
  });

  it('creates the PostgreSQL user of the defaults, without a password', () => {
    expect(postgres.environment).toEqual({
      POSTGRES_USER: schemaDefault('POSTGRES_USER'),
      POSTGRES_HOST_AUTH_METHOD: 'trust',
    });
    expect(schemaDefault('POSTGRES_PASSWORD')).toBeUndefined();
  });

  it('only substitutes variables of the schema', () => {
    const names = [
      ...text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g),
    ].map(([, name]) => name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter(name => schemaDefault(name) === undefined)).toEqual([]);
  });

  it('keeps PostgreSQL data in a named volume', () => {
    const [volume] = postgres.volumes ?? [];
    const [name, target] = volume.split(':');
    expect(target).toBe('/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes ?? {})).toContain(name);
  });

  it('has a health check on each service, so that `up --wait` waits for it', () => {
    expect(postgres.healthcheck?.test).toEqual(
      expect.arrayContaining([expect.stringContaining('pg_isready')]),
    );
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });
});
