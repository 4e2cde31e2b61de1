import { InputError } from '@backstage/errors';

/** Position after the last row of a page: rows are ordered by (startedAt, id) descending. */
export interface PageCursor {
  startedAt: string;
  id: string;
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.startedAt, cursor.id])).toString(
    'base64url',
  );
}

export function decodeCursor(text: string): PageCursor {
  try {
    const [startedAt, id] = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    );
    if (typeof startedAt === 'string' && typeof id === 'string') {
      return { startedAt, id };
    }
  } catch {
    // falls through to the error below
  }
  throw new InputError('cursor is not one this API handed out');
}
