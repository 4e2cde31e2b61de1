import { environmentVariables } from './environmentVariables';
import { validateEnvironment } from './validateEnvironment';

const development = { production: false };
const production = { production: true };

const secret = 's3cr3t-'.repeat(6);
const completeProduction = {
  FLIGHTDECK_INGEST_TOKEN: secret,
  POSTGRES_HOST: 'db.internal',
  REDIS_URL: 'redis://cache.internal:6379',
  FLIGHTDECK_BASE_URL: 'https://flightdeck.skyhop.example',
  AUTH_SESSION_SECRET: secret,
  AUTH_GITHUB_CLIENT_ID: 'Iv1.0123456789abcdef',
  AUTH_GITHUB_CLIENT_SECRET: 'f'.repeat(40),
};

describe('validateEnvironment', () => {
  it('needs nothing in development: every variable has a default or is optional', () => {
    expect(validateEnvironment({}, development)).toEqual([]);
  });

  it('names the variable, its value and the expected format', () => {
    expect(
      validateEnvironment({ FLIGHTDECK_PORT: '70o7' }, development),
    ).toEqual(['FLIGHTDECK_PORT="70o7" is not a port number (1-65535)']);
    expect(
      validateEnvironment({ FLIGHTDECK_DB: 'postgresql' }, development),
    ).toEqual(['FLIGHTDECK_DB="postgresql" is not one of sqlite|postgres']);
  });

  it('reports every problem, not only the first', () => {
    const problems = validateEnvironment(
      {
        FLIGHTDECK_PORT: '0',
        REDIS_URL: 'localhost:6379',
        FLIGHTDECK_DATA_DIR: 'data',
      },
      development,
    );
    expect(problems.map(problem => problem.split(/[ =]/)[0])).toEqual([
      'FLIGHTDECK_PORT',
      'FLIGHTDECK_DATA_DIR',
      'REDIS_URL',
    ]);
  });

  it('never prints the value of a secret, only its length', () => {
    const [problem] = validateEnvironment(
      { FLIGHTDECK_INGEST_TOKEN: 'hunter2 hunter2' },
      development,
    );
    expect(problem).toBe(
      'FLIGHTDECK_INGEST_TOKEN (hidden, 15 characters) is not a token of at least 32 characters without spaces',
    );
  });

  it('hides the password of a malformed URL, since it is one', () => {
    const [problem] = validateEnvironment(
      { REDIS_URL: 'http://default:hunter2@cache.internal:6379' },
      development,
    );
    expect(problem).toMatch(
      /^REDIS_URL="http:\/\/\*\*\*@cache\.internal:6379" is not/,
    );
    expect(problem).not.toContain('hunter2');
  });

  it('takes an empty value as unset, as ${VAR:-default} does', () => {
    expect(validateEnvironment({ FLIGHTDECK_PORT: '' }, development)).toEqual(
      [],
    );
    expect(
      validateEnvironment({ ...completeProduction, REDIS_URL: '' }, production),
    ).toEqual([
      'REDIS_URL is not set; production needs a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
    ]);
  });

  it('requires in production what the container cannot run without', () => {
    const missing = validateEnvironment({}, production).map(
      problem => problem.split(' ')[0],
    );
    expect(missing).toEqual([
      'FLIGHTDECK_INGEST_TOKEN',
      'POSTGRES_HOST',
      'REDIS_URL',
      'FLIGHTDECK_BASE_URL',
      'AUTH_SESSION_SECRET',
      'AUTH_GITHUB_CLIENT_ID',
      'AUTH_GITHUB_CLIENT_SECRET',
    ]);
  });

  it('accepts a complete production environment', () => {
    expect(validateEnvironment(completeProduction, production)).toEqual([]);
  });

  it('still checks formats in production', () => {
    expect(
      validateEnvironment(
        {
          ...completeProduction,
          FLIGHTDECK_BASE_URL: 'https://flightdeck.skyhop.example/',
        },
        production,
      ),
    ).toEqual([
      'FLIGHTDECK_BASE_URL="https://flightdeck.skyhop.example/" is not an http(s) URL without a trailing slash, e.g. https://flightdeck.skyhop.example',
    ]);
  });

  it('accepts every default of the list, so that none of them is a trap', () => {
    const defaults = Object.fromEntries(
      environmentVariables
        .filter(variable => variable.default !== undefined)
        .map(variable => [variable.name, variable.default]),
    );
    expect(validateEnvironment(defaults, development)).toEqual([]);
  });
});
