import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const afterAllCleanups: Array<() => Promise<void>> = [];

if (typeof afterAll === 'function') {
  afterAll(async () => {
    await Promise.all(afterAllCleanups.splice(0).map(cleanup => cleanup()));
  });
}

// A LoggerService of jest mocks, written out rather than taken from
// @backstage/backend-test-utils: that is a devDependency, which the linter
// allows in *.test.* files only.
function mockLogger() {
  const logger = {
    error: jest.fn(),
    warn: jest.fn(),
    info: jest.fn(),
    debug: jest.fn(),
    child: jest.fn(),
  };
  logger.child.mockReturnValue(logger);
  return logger;
}

/**
 * A hand-made scaffolder ActionContext for an action's handler in tests.
 * `output` is a jest mock (read the outputs with
 * `Object.fromEntries(ctx.output.mock.calls)`), `checkpoint` runs its
 * function unless overridden, and temporary directories are removed by
 * `cleanup()` or after the test file. Pass it as `action.handler(ctx as any)`.
 */
export function mockActionContext<TInput extends object = object>(options: {
  input: TInput;
  workspacePath: string;
  isDryRun?: boolean;
  signal?: AbortSignal;
  checkpoint?: (opts: { key: string; fn: () => unknown }) => Promise<unknown>;
  [extra: string]: unknown;
}) {
  const temporaryDirectories: string[] = [];
  const cleanup = async () => {
    const paths = temporaryDirectories.splice(0);
    await Promise.all(
      paths.map(path => rm(path, { recursive: true, force: true })),
    );
  };
  afterAllCleanups.push(cleanup);

  return {
    logger: mockLogger(),
    output: jest.fn(),
    checkpoint: jest.fn(async (opts: { key: string; fn: () => unknown }) =>
      opts.fn(),
    ),
    createTemporaryDirectory: jest.fn(async () => {
      const path = await mkdtemp(join(tmpdir(), 'flightdeck-action-'));
      temporaryDirectories.push(path);
      return path;
    }),
    getInitiatorCredentials: jest.fn(),
    task: { id: 'task-1' },
    isDryRun: false,
    cleanup,
    ...options,
  };
}
