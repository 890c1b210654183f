import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, type TestUser } from '../../../test/factories';
import { ALERT_EXPORT_PAGE } from './wifi.ops.service';
import { DEMO_TOTAL, demoMac } from './wifi.seed';

let env: TestEnv;
let operator: TestUser;

before(async () => {
  env = await createTestEnv();
  operator = await buildUser(env, { role: 'operator_opd', scope: 'diskominfo' });
});
after(async () => env.close());

const hb = (mac: string, ts: Date, clients: number) => ({ mac, ts: ts.toISOString(), clients, rx_bytes: 10, tx_bytes: 10, uptime_s: 60 });
const WIB = 7 * 3600_000;
/** 08:00 WIB of a day 2 days ago: inside the raw window, with the 07:00–21:00 active hours ahead of it. */
function twoDaysAgoAt8(): Date {
  const day = new Date(Date.now() + WIB - 2 * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${day}T08:00:00+07:00`);
}

// Test order matters: the first runs the evaluation at a past time, the second at the present.
describe('wifi "how long" counts from when the problem began', () => {
  test('no users: the not-OK row and the alert start at the last heartbeat that had clients', async () => {
    const wifi = env.ctx.services.wifi;
    const mac = demoMac(40);
    const t = twoDaysAgoAt8();
    const at = (min: number) => new Date(t.getTime() + min * 60_000);
    // Five clients at 08:00, then only empty heartbeats; at 11:10 nobody has connected for 3 h 10 min.
    const r = await wifi.telemetry.ingest([hb(mac, at(0), 5), hb(mac, at(60), 0), hb(mac, at(189), 0)], 'http', at(190));
    assert.equal(r.stored, 3, JSON.stringify(r.rejected));
    await wifi.health.evaluate(at(190));
    const row = (await wifi.ops.apsNotOk(operator, false, at(200))).find((x) => x.mac === mac);
    assert.ok(row, 'listed as not OK');
    assert.equal(row.reason, 'tidak ada pengguna');
    assert.equal(row.since, at(190).toISOString(), 'noticed by the 11:10 check');
    assert.equal(row.down_since, at(0).toISOString(), 'down since the last heartbeat with clients');
    assert.equal(row.duration_s, 200 * 60);
    const alert = (await env.app.inject({ url: `/api/wifi/alerts?mac=${mac}`, headers: operator.headers })).json().items[0];
    assert.equal(alert.started_at, at(0).toISOString());
    assert.equal(alert.detected_at, at(190).toISOString());
    assert.equal(alert.reason, 'tidak ada pengguna');

    // UNKNOWN (never reported) rows have no down_since and no duration, and come last.
    const withUnknown = await wifi.ops.apsNotOk(operator, true, at(200));
    const unknown = withUnknown.find((x) => x.health === 'UNKNOWN');
    assert.ok(unknown);
    assert.equal(unknown.down_since, null);
    assert.equal(unknown.duration_s, null);
    assert.equal(withUnknown[0].mac, mac);
  });
});

describe('wifi alert CSV export', () => {
  test(`?format=csv exports the whole filtered history (more than ${ALERT_EXPORT_PAGE} rows), not one page`, async () => {
    const wifi = env.ctx.services.wifi;
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    // Every demo AP reports once and then falls silent: one open alert each.
    const items = Array.from({ length: DEMO_TOTAL }, (_, i) => hb(demoMac(i + 1), t0, 2));
    assert.equal((await wifi.telemetry.ingest(items, 'http', t0)).stored, DEMO_TOTAL);
    const summary = await wifi.health.evaluate(new Date(t0.getTime() + 10 * 60_000));
    assert.ok(summary.alerts_opened >= DEMO_TOTAL - 1, `opened ${summary.alerts_opened}`);
    const [{ n: total }] = await env.database.query<{ n: number }>(sql`select count(*)::int as n from wifi_alert`);
    assert.ok(total > ALERT_EXPORT_PAGE);

    const res = await env.app.inject({ url: '/api/wifi/alerts?format=csv&limit=5', headers: operator.headers });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /wifi-alerts\.csv/);
    const lines = res.body.split('\r\n').filter(Boolean);
    assert.match(
      lines[0],
      /^id,mac,hotspot_id,hotspot_name,kelurahan_code,rw_code,severity,reason,started_at,detected_at,ended_at,duration_s,/,
    );
    const ids = lines.slice(1).map((l) => Number(l.split(',')[0]));
    assert.equal(ids.length, total, 'every alert, whatever the limit');
    assert.equal(new Set(ids).size, total, 'no row twice across the internal pages');
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
      'newest first',
    );

    // Filters apply to the export exactly as to the JSON list.
    const kel = '32.76.01.1006';
    const pages: number[] = [];
    for (let before: number | null = null; ;) {
      const p: { items: { id: number }[]; next_before: number | null } = (
        await env.app.inject({
          url: `/api/wifi/alerts?status=open&kelurahan=${kel}&limit=7${before ? `&before=${before}` : ''}`,
          headers: operator.headers,
        })
      ).json();
      pages.push(...p.items.map((a) => a.id));
      if (!p.next_before) break;
      before = p.next_before;
    }
    const filtered = (
      await env.app.inject({ url: `/api/wifi/alerts?status=open&kelurahan=${kel}&format=csv`, headers: operator.headers })
    ).body
      .split('\r\n')
      .filter(Boolean)
      .slice(1);
    assert.ok(filtered.length > 7);
    assert.deepEqual(
      filtered.map((l) => Number(l.split(',')[0])),
      pages,
    );
    assert.ok(filtered.every((l) => l.includes(`,${kel},`)));

    // Access is checked before anything is sent.
    const warga = await buildUser(env, { role: 'warga' });
    assert.equal((await env.app.inject({ url: '/api/wifi/alerts?format=csv', headers: warga.headers })).statusCode, 403);
    assert.equal((await env.app.inject({ url: '/api/wifi/alerts?format=csv&mac=nope', headers: operator.headers })).statusCode, 400);
  });
});
