import {
  changeFailureRateLevel,
  deploymentFrequencyLevel,
  leadTimeLevel,
  overallLevel,
  timeToRestoreLevel,
} from './levels';

describe('DORA levels', () => {
  it.each([
    [2, 'elite'],
    [1, 'elite'],
    [0.2, 'high'],
    [1 / 7, 'high'],
    [0.05, 'medium'],
    [0.01, 'low'],
  ])('deploying %f times a day is %s', (perDay, level) => {
    expect(deploymentFrequencyLevel(perDay, 10)).toBe(level);
  });

  it.each([
    [2, 'elite'],
    [23.9, 'elite'],
    [24, 'high'],
    [167, 'high'],
    [168, 'medium'],
    [720, 'low'],
  ])('a lead time of %f hours is %s', (hours, level) => {
    expect(leadTimeLevel(hours)).toBe(level);
  });

  it.each([
    [0, 'elite'],
    [0.05, 'elite'],
    [0.1, 'high'],
    [0.15, 'medium'],
    [0.16, 'low'],
  ])('a change failure rate of %f is %s', (rate, level) => {
    expect(changeFailureRateLevel(rate)).toBe(level);
  });

  it.each([
    [0.5, 'elite'],
    [1, 'high'],
    [23, 'high'],
    [24, 'medium'],
    [200, 'low'],
  ])('restoring in %f hours is %s', (hours, level) => {
    expect(timeToRestoreLevel(hours)).toBe(level);
  });

  it('rates the whole by its weakest measured key, and nothing as nothing', () => {
    expect(overallLevel(['elite', 'medium', null, 'high'])).toBe('medium');
    expect(overallLevel([null, null])).toBeNull();
    expect(deploymentFrequencyLevel(0, 0)).toBeNull();
  });
});
