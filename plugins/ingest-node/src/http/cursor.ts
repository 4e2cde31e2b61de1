import { InputError } from '@backstage/errors';

/**
 * An opaque page cursor: the sort key of the last row of a page, which the
 * next page starts after. Clients pass it back unchanged.
 *
 * @public
 */
export function encodeCursor(sortKey: readonly string[]): string {
  return Buffer.from(JSON.stringify(sortKey)).toString('base64url');
}

/**
 * The sort key a cursor of {@link encodeCursor} holds, checked to be
 * `length` strings; anything else is refused with 400.
 *
 * @public
 */
export function decodeCursor(text: string, length: number): string[] {
  try {
    const sortKey = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(sortKey) &&
      sortKey.length === length &&
      sortKey.every(part => typeof part === 'string')
    ) {
      return sortKey;
    }
  } catch {
    // falls through to the error below
  }
  throw new InputError('cursor is not one this API handed out');
}
