import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flightNumber } from './index.js';

test('writes a flight number in its canonical form', () => {
  assert.equal(flightNumber('sh', 42), 'SH0042');
  assert.equal(flightNumber('SH', 1234), 'SH1234');
});

test('refuses what is not a flight number', () => {
  assert.throws(() => flightNumber('skyhop', 42), RangeError);
  assert.throws(() => flightNumber('sh', 0), RangeError);
  assert.throws(() => flightNumber('sh', 4.2), RangeError);
});
