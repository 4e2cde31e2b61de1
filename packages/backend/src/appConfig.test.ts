import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  localConfigFiles,
  productionConfigFiles,
  readAppConfig,
  repoRoot,
} from './__testUtils__/appConfig';

const productionEnv = {
  FLIGHTDECK_BASE_URL: 'https://portal.skyhop.example',
  POSTGRES_HOST: 'db.internal',
  REDIS_URL: 'redis://cache.internal:6379',
  AUTH_SESSION_SECRET: 's'.repeat(32),
  AUTH_GITHUB_CLIENT_ID: 'client',
  AUTH_GITHUB_CLIENT_SECRET: 'secret',
  FLIGHTDECK_INGEST_TOKEN: 'i'.repeat(32),
};
const localEnv = {
  FLIGHTDECK_INGEST_TOKEN: 'i'.repeat(32),
  FLIGHTDECK_LOCAL_TOKEN: 'l'.repeat(32),
};

describe('the production configuration (the container)', () => {
  const config = readAppConfig(productionConfigFiles, productionEnv);

  it('is the one the container runs with', () => {
    const dockerfile = readFileSync(
      path.join(repoRoot, 'packages/backend/Dockerfile'),
      'utf8',
    );
    const cmd = /^CMD (.*)$/m.exec(dockerfile)![1];
    const configs = [...cmd.matchAll(/"\.\.\/\.\.\/([^"]+)"/g)].map(
      ([, file]) => file,
    );
    expect(configs).toEqual(productionConfigFiles);
  });

  it('offers no guest sign-in', () => {
    expect(config.getOptionalConfig('auth.providers.guest')).toBeUndefined();
    expect(config.getStringArray('flightdeck.signIn.providers')).toEqual([
      'github',
    ]);
  });

  it('builds no docs: CI builds and publishes them', () => {
    expect(config.getString('techdocs.builder')).toBe('external');
  });

  it('listens on every interface of the container', () => {
    expect(config.getString('backend.listen.host')).toBe('0.0.0.0');
  });
});

describe('the local portal', () => {
  it('listens on 127.0.0.1 unless FLIGHTDECK_HOST says otherwise', () => {
    expect(
      readAppConfig(localConfigFiles, localEnv).getString(
        'backend.listen.host',
      ),
    ).toBe('127.0.0.1');
    expect(
      readAppConfig(localConfigFiles, {
        ...localEnv,
        FLIGHTDECK_HOST: '0.0.0.0',
      }).getString('backend.listen.host'),
    ).toBe('0.0.0.0');
  });

  it('signs in as a guest, which only the local overlay offers', () => {
    const config = readAppConfig(localConfigFiles, localEnv);
    expect(config.getString('auth.providers.guest.userEntityRef')).toBe(
      'user:default/guest',
    );
    expect(config.getStringArray('flightdeck.signIn.providers')).toEqual([
      'guest',
    ]);
    const base = readAppConfig(['app-config.yaml'], localEnv);
    expect(base.getOptionalConfig('auth.providers.guest')).toBeUndefined();
  });
});
