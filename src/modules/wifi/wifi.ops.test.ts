import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser } from '../../../test/factories';

let env: TestEnv;
before(async () => (env = await createTestEnv()));
after(async () => env.close());

describe('wifi unknown MACs CSV', () => {
  test('?format=csv lists every unknown MAC for operators and admins; the fleet account and residents get 403', async () => {
    const wifi = env.ctx.services.wifi;
    const now = new Date();
    const hb = (mac: string) => ({ mac, ts: now.toISOString(), clients: 1, rx_bytes: 1, tx_bytes: 1, uptime_s: 1 });
    const r = await wifi.telemetry.ingest([hb('02:ff:00:00:00:01'), hb('02:ff:00:00:00:02'), hb('02:FF:00:00:00:02')], 'mqtt', now);
    assert.equal(r.unknown, 2);

    const operator = await buildUser(env, { role: 'operator_opd', scope: 'diskominfo' });
    const admin = await buildUser(env, { role: 'admin' });
    for (const u of [operator, admin]) {
      const res = await env.app.inject({ url: '/api/wifi/unknown-macs?format=csv', headers: u.headers });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.match(String(res.headers['content-disposition']), /wifi-unknown-macs\.csv/);
      const lines = res.body.trim().split('\r\n');
      assert.equal(lines[0], 'mac,first_seen_at,last_seen_at,count,via');
      assert.deepEqual(
        lines
          .slice(1)
          .map((l) => l.split(',')[0])
          .sort(),
        ['02:ff:00:00:00:01', '02:ff:00:00:00:02'],
      );
      assert.ok(
        lines.some((l) => l.startsWith('02:ff:00:00:00:02,') && l.endsWith(',1,mqtt')),
        'the same MAC in two notations: once',
      );
    }
    // The JSON list stays open to the fleet account; the export is for operators.
    const fleet = await buildUser(env, { role: 'wifi_fleet' });
    assert.equal((await env.app.inject({ url: '/api/wifi/unknown-macs', headers: fleet.headers })).statusCode, 200);
    assert.equal((await env.app.inject({ url: '/api/wifi/unknown-macs?format=csv', headers: fleet.headers })).statusCode, 403);
    const warga = await buildUser(env, { role: 'warga' });
    assert.equal((await env.app.inject({ url: '/api/wifi/unknown-macs?format=csv', headers: warga.headers })).statusCode, 403);
    assert.equal((await env.app.inject({ url: '/api/wifi/unknown-macs?format=csv' })).statusCode, 401);
    assert.equal((await env.app.inject({ url: '/api/wifi/unknown-macs?format=xml', headers: operator.headers })).statusCode, 400);
  });
});

describe('wifi SLA per kelurahan', () => {
  test('every kelurahan is one row with a name a person can tell apart (the two Curug carry their kecamatan)', async () => {
    const operator = await buildUser(env, { role: 'operator_opd', scope: 'diskominfo' });
    const res = await env.app.inject({
      url: `/api/wifi/sla?by=kelurahan&month=${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7)}`,
      headers: operator.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    const labels = (res.json() as { rows: { label: string }[] }).rows.map((r) => r.label);
    assert.equal(labels.length, 63);
    assert.equal(new Set(labels).size, 63, 'labels are unique');
    assert.ok(
      labels.includes('Curug (Bojongsari)') && labels.includes('Curug (Cimanggis)'),
      labels.filter((l) => l.startsWith('Curug')).join(),
    );
    assert.ok(labels.includes('Depok'), 'a unique name stays as it is');
  });
});
