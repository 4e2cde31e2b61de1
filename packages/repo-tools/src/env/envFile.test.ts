import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './__testUtils__/repoFiles';

// The real loader of ./flightdeck, run by bash on a .env written here.
function load(envFile: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flightdeck-env-'));
  try {
    writeFileSync(path.join(dir, '.env'), envFile);
    const result = spawnSync(
      'bash',
      [
        '-c',
        'set -euo pipefail; source scripts/env-file.sh; load_env_file "$1/.env"; env',
        'bash',
        dir,
      ],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
      },
    );
    const variables = Object.fromEntries(
      result.stdout
        .split('\n')
        .filter(line => line.includes('='))
        .map(line => [
          line.slice(0, line.indexOf('=')),
          line.slice(line.indexOf('=') + 1),
        ]),
    );
    return { status: result.status, stderr: result.stderr, variables, dir };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('load_env_file (scripts/env-file.sh)', () => {
  it('exports NAME=value lines and skips comments and blank lines', () => {
    const { status, variables } = load(
      '# a comment\n\nFLIGHTDECK_PORT=7100\nexport FLIGHTDECK_DB=postgres\r\n',
    );
    expect(status).toBe(0);
    expect(variables).toMatchObject({
      FLIGHTDECK_PORT: '7100',
      FLIGHTDECK_DB: 'postgres',
    });
  });

  it('reads quotes and trailing comments as Docker Compose does', () => {
    const { variables } = load(
      [
        'A="two words # not a comment"  # a comment',
        "B='single quoted'",
        'C=unquoted # a comment',
        'D=',
        'E=a=b',
      ].join('\n'),
    );
    expect(variables).toMatchObject({
      A: 'two words # not a comment',
      B: 'single quoted',
      C: 'unquoted',
      D: '',
      E: 'a=b',
    });
  });

  it('never overrides a variable set in the environment, even to nothing', () => {
    const { variables } = load(
      'FLIGHTDECK_PORT=7100\nREDIS_URL=redis://x:6379\n',
      {
        FLIGHTDECK_PORT: '7200',
        REDIS_URL: '',
      },
    );
    expect(variables).toMatchObject({ FLIGHTDECK_PORT: '7200', REDIS_URL: '' });
  });

  it('takes values literally, without running them', () => {
    const marker = path.join(os.tmpdir(), `flightdeck-env-ran-${process.pid}`);
    const { variables } = load(
      `A=$(touch ${marker})\nB=\`touch ${marker}\`\nC=$HOME\n`,
    );
    expect(existsSync(marker)).toBe(false);
    expect(variables.A).toBe(`$(touch ${marker})`);
    expect(variables.C).toBe('$HOME');
  });

  it('stops at a line that is not NAME=value, naming the line but not its content', () => {
    const { status, stderr } = load('A=1\nAUTH_SESSION_SECRET hunter2\n');
    expect(status).toBe(1);
    expect(stderr).toContain('line 2 of');
    expect(stderr).toContain('is not NAME=value');
    expect(stderr).not.toContain('hunter2');
  });

  it('does nothing without a .env file', () => {
    const result = spawnSync(
      'bash',
      [
        '-c',
        'set -eu; source scripts/env-file.sh; load_env_file /nonexistent/.env; echo loaded',
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(result.stdout).toBe('loaded\n');
  });
});
