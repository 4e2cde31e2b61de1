import { main } from '../main';
import { Runtime } from '../reportDeployment';

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  sleeps: number[];
}

export const NOW = new Date('2026-11-20T10:05:00.000Z');

/** Runs the CLI in-process with a fixed clock and a sleep that returns at once. */
export async function runCli(
  argv: string[],
  overrides: Partial<Runtime> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const sleeps: number[] = [];
  const exitCode = await main(argv, {
    env: {},
    cwd: process.cwd(),
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
    now: () => NOW,
    sleep: async ms => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { exitCode, stdout, stderr, sleeps };
}

/** The required arguments of `deployment`, then `extra`. */
export function deploymentArgs(...extra: string[]): string[] {
  return [
    'deployment',
    '--service',
    'payments-api',
    '--environment',
    'production',
    '--version',
    '2.4.1',
    '--status',
    'succeeded',
    ...extra,
  ];
}
