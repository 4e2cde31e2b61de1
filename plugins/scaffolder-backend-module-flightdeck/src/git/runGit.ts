import { execFile } from 'node:child_process';

/** Options for {@link runGit}. */
export interface RunGitOptions {
  /** Folder git runs in. */
  cwd: string;
  /** Extra environment variables, on top of the backend's own. */
  env?: Record<string, string>;
  /** Aborts git (it is killed) when this signal fires. */
  signal?: AbortSignal;
  /** Kills git after this many milliseconds; 60 seconds by default. */
  timeoutMs?: number;
}

/** A git command that failed; the message carries git's stderr. */
export class GitError extends Error {
  readonly name: string = 'GitError';

  constructor(
    message: string,
    /** The arguments git was given (without the safety `-c` options). */
    readonly args: string[],
    /** git's exit code; undefined when it was killed or never started. */
    readonly exitCode: number | undefined,
    readonly stderr: string,
    /** The failure of the git process, as Node reported it. */
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

const DEFAULT_TIMEOUT_MS = 60_000;

// Applied to every command, so that content we publish (a template's
// workspace, possibly with its own .git folder) can never make git run
// programs of its choosing or wait for a passphrase.
const SAFETY_OPTIONS = [
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'commit.gpgsign=false',
  '-c',
  'tag.gpgsign=false',
];

// Inherited variables that would point git at another repository than the
// one in `cwd` (set, for instance, when the backend is started from a hook).
const INHERITED_LOCATION_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
];

function gitEnvironment(extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_LOCATION_VARIABLES) delete env[name];
  return {
    ...env,
    ...extra,
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
  };
}

/**
 * Runs git with `args` (never through a shell) and resolves with its stdout,
 * as git printed it (callers trim when they need to). Rejects with a
 * {@link GitError} when git fails, times out or is aborted.
 */
export function runGit(
  args: string[],
  options: RunGitOptions,
): Promise<string> {
  const command = `git ${args[0] ?? ''}`.trim();
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...SAFETY_OPTIONS, ...args],
      {
        cwd: options.cwd,
        env: gitEnvironment(options.env),
        signal: options.signal,
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
        windowsHide: true,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const details = stderr.trim();
        const code = typeof error.code === 'number' ? error.code : undefined;
        let message: string;
        if (error.name === 'AbortError') {
          message = `${command} was aborted`;
        } else if (error.killed) {
          message = `${command} timed out`;
        } else if (code === undefined) {
          message = `${command} could not run: ${error.message}`;
        } else {
          message = `${command} failed with exit code ${code}${
            details ? `: ${details}` : ''
          }`;
        }
        reject(new GitError(message, args, code, details, error));
      },
    );
    // git never gets input: a command that would wait for some fails instead.
    child.stdin?.end();
  });
}

/** The most {@link readGitOutput} takes from git, unless told otherwise. */
export const DEFAULT_MAX_READ_BYTES = 64 * 1024 * 1024;

/** A git command that printed more than its reader would take. */
export class GitOutputTooLargeError extends GitError {
  readonly name = 'GitOutputTooLargeError';

  constructor(
    args: string[],
    /** The most the reader would take, in bytes. */
    readonly maxBytes: number,
    cause?: unknown,
  ) {
    super(
      `git ${args[0]} printed more than ${maxBytes} bytes, the most one read may take`,
      args,
      undefined,
      '',
      cause,
    );
  }
}

/**
 * The whole stdout of git with `args` as bytes, for output that is not text
 * (file contents, archives). Rejects with a {@link GitError} carrying git's
 * stderr when git fails, and with a {@link GitOutputTooLargeError} (git is
 * killed) when it prints more than `maxBytes` ({@link DEFAULT_MAX_READ_BYTES}
 * by default), as everything is held in memory.
 */
export function readGitOutput(
  args: string[],
  options: { cwd: string; maxBytes?: number },
): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...SAFETY_OPTIONS, ...args],
      {
        cwd: options.cwd,
        env: gitEnvironment(),
        encoding: 'buffer',
        maxBuffer: maxBytes,
        timeout: DEFAULT_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        if (
          (error as { code?: unknown }).code ===
          'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'
        ) {
          reject(new GitOutputTooLargeError(args, maxBytes, error));
          return;
        }
        const details = stderr.toString('utf8').trim();
        const code = typeof error.code === 'number' ? error.code : undefined;
        reject(
          new GitError(
            `git ${args[0]} failed${
              code === undefined ? '' : ` with exit code ${code}`
            }${details ? `: ${details}` : ''}`,
            args,
            code,
            details,
            error,
          ),
        );
      },
    );
  });
}
