import { z } from 'zod';
import { parseBatchOrSingle } from './batchOrSingle';

const single = z.object({ id: z.string(), n: z.number() }).strict();
const batch = z.object({ events: z.array(single).min(1).max(3) }).strict();
const parse = (body: unknown) =>
  parseBatchOrSingle(body, { single, batch, name: 'tick' });

describe('parseBatchOrSingle', () => {
  it('takes one event or a batch of them', () => {
    expect(parse({ id: 'a', n: 1 })).toEqual([{ id: 'a', n: 1 }]);
    expect(
      parse({
        events: [
          { id: 'a', n: 1 },
          { id: 'b', n: 2 },
        ],
      }),
    ).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
  });

  it('names the field in the form the sender used', () => {
    expect(() => parse({ id: 'a', n: 'one' })).toThrow(
      'Invalid tick: n: Invalid input: expected number, received string',
    );
    expect(() => parse({ events: [{ id: 'a', n: 1 }, { id: 'b' }] })).toThrow(
      'Invalid ticks: events[1].n',
    );
    expect(() => parse({ events: [] })).toThrow('Invalid ticks: events');
  });
});
