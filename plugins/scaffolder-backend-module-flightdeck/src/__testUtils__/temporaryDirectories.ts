import { createMockDirectory } from '@backstage/backend-test-utils';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * `createTemporaryDirectory` as a task has it: a new empty folder at each
 * call, all removed after the test file. (createMockActionContext's hands
 * out the workspace itself, where the local git actions would write their
 * scratch repositories among the files they publish.)
 */
export function temporaryDirectories(): () => Promise<string> {
  const root = createMockDirectory();
  return () => mkdtemp(join(root.path, 'task-'));
}
