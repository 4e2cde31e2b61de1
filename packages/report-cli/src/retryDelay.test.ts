import { backoffDelay, retryAfterDelay } from './retryDelay';

describe('backoffDelay', () => {
  it('doubles from one second up to 30, jittered within the upper half', () => {
    expect(
      [1, 2, 3, 4, 5, 6, 7].map(a => backoffDelay(a, () => 0.999999)),
    ).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(backoffDelay(3, () => 0)).toBe(2000);
  });
});

describe('retryAfterDelay', () => {
  const now = Date.parse('2026-11-20T10:00:00Z');

  it('reads seconds and HTTP dates', () => {
    expect(retryAfterDelay('3', now)).toBe(3000);
    expect(retryAfterDelay('Fri, 20 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(retryAfterDelay('Fri, 20 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('waits two minutes at most, and ignores what it cannot read', () => {
    expect(retryAfterDelay('86400', now)).toBe(120_000);
    expect(retryAfterDelay('soon', now)).toBeUndefined();
    expect(retryAfterDelay(null, now)).toBeUndefined();
  });
});
