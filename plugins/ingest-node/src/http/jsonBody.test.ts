import { mockErrorHandler } from '@backstage/backend-test-utils';
import { AuthenticationError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { jsonBody, rawBodyOf } from './jsonBody';

const app = express();
app.post('/in', jsonBody({ limitBytes: 64 }), (req, res) => {
  res.json({ parsed: req.body, rawLength: rawBodyOf(req).length });
});
app.post(
  '/signed',
  jsonBody({
    limitBytes: 64,
    verify: req => {
      if (req.headers['x-signature'] !== 'ok') {
        throw new AuthenticationError('bad signature');
      }
    },
  }),
  (_req, res) => {
    res.json({ ok: true });
  },
);
app.use(mockErrorHandler());

describe('jsonBody', () => {
  it('parses JSON and keeps the raw bytes', async () => {
    const res = await request(app)
      .post('/in')
      .set('Content-Type', 'application/json')
      .send('{"a": 1}');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ parsed: { a: 1 }, rawLength: 8 });
  });

  it('accepts JSON media types such as CloudEvents', async () => {
    const res = await request(app)
      .post('/in')
      .set('Content-Type', 'application/cloudevents+json; charset=utf-8')
      .send('{"specversion":"1.0"}');
    expect(res.status).toBe(200);
  });

  it.each([
    ['malformed JSON', 'application/json', '{"a": ', 400, 'not valid JSON'],
    ['an empty body', 'application/json', '', 400, 'The body is empty'],
    [
      'a body over the limit',
      'application/json',
      JSON.stringify({ a: 'x'.repeat(100) }),
      413,
      'exceeds the limit of 64 bytes',
    ],
    [
      'a form post',
      'application/x-www-form-urlencoded',
      'a=1',
      415,
      'Expected a JSON body',
    ],
  ])('refuses %s', async (_, type, body, status, message) => {
    const res = await request(app)
      .post('/in')
      .set('Content-Type', type)
      .send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
  });

  it('checks the raw bytes before parsing them', async () => {
    const unsigned = await request(app)
      .post('/signed')
      .set('Content-Type', 'application/json')
      .send('{"broken": ');
    expect(unsigned.status).toBe(401);
    const signed = await request(app)
      .post('/signed')
      .set('Content-Type', 'application/json')
      .set('X-Signature', 'ok')
      .send('{"fine": true}');
    expect(signed.status).toBe(200);
  });
});
