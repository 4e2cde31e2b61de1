import { assertError, InputError } from '@backstage/errors';
import { constants } from 'node:fs';
import { FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';

const CHANGELOG = 'CHANGELOG.md';

// Git commits symbolic links as they are: one named CHANGELOG.md would
// make a release read, and then overwrite, whatever it points to.
function notAFile(repository: string) {
  return new InputError(
    `${CHANGELOG} of ${repository} is not a regular file (a symbolic link, say): make it one before releasing`,
  );
}

/** Opens CHANGELOG.md of `clone` as a regular file, never through a link. */
async function openChangelog(
  clone: string,
  repository: string,
  flags: number,
): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(
      join(clone, CHANGELOG),
      flags | constants.O_NOFOLLOW,
      0o644,
    );
  } catch (error) {
    assertError(error);
    if (error.code === 'ELOOP' || error.code === 'EISDIR') {
      throw notAFile(repository);
    }
    throw error;
  }
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw notAFile(repository);
  }
  return handle;
}

/**
 * CHANGELOG.md of the clone of `repository` in `clone`, undefined when there
 * is none. Throws an InputError when it is not a regular file.
 */
export async function readChangelogFile(
  clone: string,
  repository: string,
): Promise<string | undefined> {
  let handle: FileHandle;
  try {
    handle = await openChangelog(clone, repository, constants.O_RDONLY);
  } catch (error) {
    assertError(error);
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Writes CHANGELOG.md of the clone of `repository` in `clone`. Throws an
 * InputError, having written nothing, when it is not a regular file.
 */
export async function writeChangelogFile(
  clone: string,
  repository: string,
  content: string,
): Promise<void> {
  const handle = await openChangelog(
    clone,
    repository,
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC,
  );
  try {
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
  }
}
