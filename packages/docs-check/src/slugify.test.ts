import { slugify, uniqueSlugs } from './slugify';

describe('slugify', () => {
  it.each([
    ['Deploying from Flightdeck', 'deploying-from-flightdeck'],
    ['`flightdeck:release:create`', 'flightdeckreleasecreate'],
    ['Day 1: access & setup', 'day-1-access-setup'],
    ['Café résumé', 'cafe-resume'],
    ['  What -- drifted?  ', 'what-drifted'],
    ['snake_case stays', 'snake_case-stays'],
  ])('%s → #%s, as Python-Markdown', (text, anchor) => {
    expect(slugify(text)).toBe(anchor);
  });

  it('numbers repeated headings', () => {
    expect(uniqueSlugs(['Steps', 'Notes', 'Steps', 'Steps'])).toEqual([
      'steps',
      'notes',
      'steps_1',
      'steps_2',
    ]);
  });
});
