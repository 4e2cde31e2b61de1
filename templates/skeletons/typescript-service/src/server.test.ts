import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createApp } from './server.js';

const app = createApp();
let base = '';

before(async () => {
  await new Promise<void>(resolve => app.listen(0, resolve));
  base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});
after(() => app.close());

test('answers its health check', async () => {
  const res = await fetch(`${base}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('answers 404 for anything else', async () => {
  const res = await fetch(`${base}/nope`);
  assert.equal(res.status, 404);
});
