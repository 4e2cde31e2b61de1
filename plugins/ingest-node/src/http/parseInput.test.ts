import { z } from 'zod';
import { parseInput } from './parseInput';

const schema = z.object({
  events: z.array(
    z.object({ status: z.enum(['started', 'succeeded']), version: z.string() }),
  ),
});

describe('parseInput', () => {
  it('returns the parsed value', () => {
    const value = { events: [{ status: 'started', version: '1.2.3' }] };
    expect(parseInput(schema, value, 'batch')).toEqual(value);
  });

  it('names every offending field in a 400', () => {
    expect(() =>
      parseInput(
        schema,
        { events: [{ status: 'started', version: '1' }, { status: 'done' }] },
        'batch',
      ),
    ).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(
          /^Invalid batch: events\[1\]\.status: .+; events\[1\]\.version: .+$/,
        ),
      }),
    );
  });

  it('keeps the message short when everything is wrong', () => {
    const events = Array.from({ length: 50 }, () => ({}));
    expect(() => parseInput(schema, { events }, 'batch')).toThrow(
      /\(and 90 more\)$/,
    );
  });
});
