import { run } from './command';

describe('flightdeck-repo env', () => {
  const originalEnv = process.env;
  let stdout: string;
  let stderr: string;

  beforeEach(() => {
    stdout = '';
    stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      stdout += String(chunk);
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
      stderr += String(chunk);
      return true;
    });
  });

  afterEach(() => {
    process.env = originalEnv;
    jest.restoreAllMocks();
  });

  it('exits 0 on a valid environment', async () => {
    process.env = { FLIGHTDECK_PORT: '7081', FLIGHTDECK_DB: 'postgres' };
    await expect(run([])).resolves.toBe(0);
    expect(stdout).toContain('valid for development');
    expect(stderr).toBe('');
  });

  it('prints every problem and exits 1', async () => {
    process.env = { FLIGHTDECK_PORT: '70o7', POSTGRES_PORT: '99999' };
    await expect(run([])).resolves.toBe(1);
    expect(stderr).toContain('2 environment variable problems');
    expect(stderr).toContain(
      '  FLIGHTDECK_PORT="70o7" is not a port number (1-65535)\n',
    );
    expect(stderr).toContain(
      '  POSTGRES_PORT="99999" is not a port number (1-65535)\n',
    );
  });

  it('applies the production rules with --production', async () => {
    process.env = {};
    await expect(run(['--production'])).resolves.toBe(1);
    expect(stderr).toContain('production rules');
    expect(stderr).toContain(
      '  FLIGHTDECK_BASE_URL is not set; production needs',
    );
  });

  it('applies the production rules with NODE_ENV=production', async () => {
    process.env = { NODE_ENV: 'production' };
    await expect(run([])).resolves.toBe(1);
    expect(stderr).toContain(
      '  AUTH_SESSION_SECRET is not set; production needs',
    );
  });

  it('refuses an unknown argument', async () => {
    process.env = {};
    await expect(run(['--prod'])).resolves.toBe(2);
    expect(stderr).toContain('unknown argument --prod');
  });
});
