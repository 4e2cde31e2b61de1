import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';

/**
 * The folder of the workspace that an action's `sourcePath` names (the
 * workspace itself when it is not given), as a real path. Throws an
 * InputError naming `sourcePath` when it is absolute, leaves the workspace
 * (by `..` or through a symlink), does not exist or is not a folder.
 */
export async function resolveSourceFolder(
  workspacePath: string,
  sourcePath?: string,
): Promise<string> {
  const named = sourcePath ?? '.';
  const outside = () =>
    new InputError(`sourcePath '${named}' points outside the workspace`);
  if (isAbsolute(named)) {
    throw new InputError(
      `sourcePath must be relative to the workspace, not '${named}'`,
    );
  }
  const folder = resolve(workspacePath, named);
  if (!isChildPath(workspacePath, folder)) throw outside();

  let real: string;
  try {
    real = await realpath(folder);
  } catch {
    throw new InputError(`sourcePath '${named}' does not exist`);
  }
  if (!isChildPath(await realpath(workspacePath), real)) throw outside();
  if (!(await stat(real)).isDirectory()) {
    throw new InputError(`sourcePath '${named}' is not a folder`);
  }
  return real;
}
