import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../helpers';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(async () => env.close());

const json = { 'content-type': 'application/json' };

describe('API conventions', () => {
  test('malformed JSON is a 400 invalid_json with a request id', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', headers: json, payload: '{"email": "a@b.c", ' });
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.error.code, 'invalid_json');
    assert.ok(body.error.request_id);
    assert.equal(res.headers['x-request-id'], body.error.request_id);
  });

  test('wrong types and unknown fields are 400 validation_failed naming the field', async () => {
    const wrong = await env.app.inject({ method: 'POST', url: '/api/auth/login', headers: json, payload: { email: 42, password: 'x' } });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().error.code, 'validation_failed');
    assert.ok(wrong.json().error.details.some((d: { path: string }) => d.path.includes('email')));
    const extra = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: json,
      payload: { email: 'a@b.c', password: 'x', admin: true },
    });
    assert.equal(extra.statusCode, 400);
    assert.match(JSON.stringify(extra.json().error.details), /admin/);
  });

  test('a body over the limit is a 413 payload_too_large, not a 500', async () => {
    const huge = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(env.config.BODY_LIMIT_BYTES + 10) });
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', headers: json, payload: huge });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'payload_too_large');
  });

  test('an unsupported content type is a 415', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    assert.equal(res.statusCode, 415);
    assert.equal(res.json().error.code, 'unsupported_media_type');
  });

  test('an unknown API path is a JSON 404', async () => {
    const res = await env.app.inject('/api/nothing-here');
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });

  test('OpenAPI 3.1 documents every module and the docs page is served', async () => {
    const doc = (await env.app.inject('/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    const paths = Object.keys(doc.paths);
    for (const p of ['/api/health', '/api/auth/login', '/api/wilayah/locate', '/api/covid/summary', '/api/wifi/telemetry', '/api/events']) {
      assert.ok(paths.includes(p), `${p} missing from OpenAPI`);
    }
    const ui = await env.app.inject('/api/docs/');
    assert.equal(ui.statusCode, 200);
    assert.match(String(ui.headers['content-type']), /html/);
  });

  test('security headers are on every response', async () => {
    const res = await env.app.inject('/api/health');
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
  });
});
