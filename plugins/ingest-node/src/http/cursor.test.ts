import { decodeCursor, encodeCursor } from './cursor';

describe('page cursors', () => {
  it('give back the sort key they were made from', () => {
    const cursor = encodeCursor(['2026-11-20T10:00:00.000Z', 'd-1']);
    expect(cursor).toMatch(/^[\w-]+$/);
    expect(decodeCursor(cursor, 2)).toEqual([
      '2026-11-20T10:00:00.000Z',
      'd-1',
    ]);
  });

  it.each([
    ['not base64 json', 'garbage!'],
    ['the wrong length', encodeCursor(['a'])],
    [
      'something other than strings',
      Buffer.from('[1,2]').toString('base64url'),
    ],
  ])('refuses %s', (_, cursor) => {
    expect(() => decodeCursor(cursor, 2)).toThrow(
      'cursor is not one this API handed out',
    );
  });
});
