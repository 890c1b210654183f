import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, type TestUser } from '../../../test/factories';
import { demoMac } from './wifi.seed';

let env: TestEnv;
let operator: TestUser;

before(async () => {
  env = await createTestEnv();
  operator = await buildUser(env, { role: 'operator_opd', scope: 'diskominfo' });
  // These tests check the roll-up arithmetic on their own heartbeats: start without the demo history.
  await env.database.query(sql`delete from wifi_usage_hourly`);
  await env.database.query(sql`delete from wifi_usage_daily`);
});
after(async () => env.close());

const WIB = 7 * 3600_000;
/** A weekday (local date) between 1 and 5 days ago, so its 08:00–16:00 WIB lie inside the 7-day window. */
function recentWeekday(now: Date): string {
  for (let back = 1; back <= 5; back++) {
    const d = new Date(now.getTime() + WIB - back * 86_400_000);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) return d.toISOString().slice(0, 10);
  }
  throw new Error('no weekday');
}
const local = (day: string, hh: number, mm: number) =>
  new Date(Date.parse(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+07:00`));

describe('wifi roll-ups and retention', () => {
  test('hourly/daily aggregates match a hand computation, stay correct after raw rows are pruned, and pick up late heartbeats', async () => {
    const wifi = env.ctx.services.wifi;
    const now = new Date();
    const day = recentWeekday(now);
    const mac = demoMac(500);
    const items: { mac: string; ts: string; clients: number; rx_bytes: number; tx_bytes: number; uptime_s: number }[] = [];
    // School hours: 08:00–09:50 WIB, 12 heartbeats of 5 clients; afternoon 15:00–15:50, 6 of 1 client.
    for (let i = 0; i < 12; i++)
      items.push({
        mac,
        ts: local(day, 8 + Math.floor(i / 6), (i % 6) * 10).toISOString(),
        clients: 5,
        rx_bytes: 1000,
        tx_bytes: 100,
        uptime_s: 100 + i,
      });
    for (let i = 0; i < 6; i++)
      items.push({ mac, ts: local(day, 15, i * 10).toISOString(), clients: 1, rx_bytes: 10, tx_bytes: 1, uptime_s: 200 + i });
    const r = await wifi.telemetry.ingest(items, 'http', now);
    assert.equal(r.stored, 18, JSON.stringify(r.rejected));
    const ap = (await env.app.inject({ url: `/api/wifi/access-points/${mac}`, headers: operator.headers })).json();

    const first = await wifi.health.rollup(now, { settleMs: 0 });
    assert.ok(first.hours >= 3);
    const hourly = await env.database.query<{
      hour: string;
      heartbeats: number;
      clients_sum: string;
      clients_max: number;
      rx_bytes: string;
    }>(sql`select hour, heartbeats, clients_sum, clients_max, rx_bytes from wifi_usage_hourly where ap_id = ${ap.id} order by hour`);
    assert.deepEqual(
      hourly.map((h) => [new Date(h.hour).toISOString(), h.heartbeats, Number(h.clients_sum), h.clients_max, Number(h.rx_bytes)]),
      [
        [local(day, 8, 0).toISOString(), 6, 30, 5, 6000],
        [local(day, 9, 0).toISOString(), 6, 30, 5, 6000],
        [local(day, 15, 0).toISOString(), 6, 6, 1, 60],
      ],
    );
    const expectUsage = {
      day,
      aps: 1,
      clients_avg: Math.round((66 / 18) * 100) / 100,
      clients_max: 5,
      rx_bytes: 12060,
      tx_bytes: 1206,
      school_clients_avg: 5,
      school_rx_bytes: 12000,
      school_tx_bytes: 1200,
    };
    const usage = async () => {
      const res = await env.app.inject({
        url: `/api/wifi/usage?from=${day}&to=${day}&kelurahan=${ap.kelurahan_code}`,
        headers: operator.headers,
      });
      assert.equal(res.statusCode, 200, res.body);
      const { kelurahan_code: _k, ...row } = res.json()[0];
      return row;
    };
    assert.deepEqual(await usage(), expectUsage);

    // Nothing new: the next run touches no hour.
    assert.equal((await wifi.health.rollup(now, { settleMs: 0 })).hours, 0);

    // A week later the raw rows are outside the 7-day window and pruned; the aggregates remain.
    const later = new Date(now.getTime() + 7 * 86_400_000);
    const pruned = await wifi.health.rollup(later, { settleMs: 0 });
    assert.ok(pruned.pruned_raw >= 18, `pruned ${pruned.pruned_raw}`);
    const raw = await env.database.query<{ n: number }>(sql`select count(*)::int as n from wifi_heartbeat where ap_id = ${ap.id}`);
    assert.equal(raw[0].n, 0);
    assert.deepEqual(await usage(), expectUsage);

    // SLA for the month from the daily aggregates: 18 heartbeats of the expected one per minute.
    const month = day.slice(0, 7);
    const sla = (await env.app.inject({ url: `/api/wifi/sla?month=${month}&by=ap`, headers: operator.headers })).json();
    const row = sla.rows.find((x: { key: string }) => x.key === mac);
    assert.equal(row.heartbeats, 18);
    assert.equal(row.uptime_pct, Math.round((18 / row.expected) * 10000) / 100);
    const start = Date.parse(`${month}-01T00:00:00+07:00`);
    assert.ok(Math.abs(row.expected - Math.floor((Math.min(Date.now(), Date.parse(sla.period_end)) - start) / 60_000)) <= 1);
    const byKel = (await env.app.inject({ url: `/api/wifi/sla?month=${month}&by=kelurahan&format=csv`, headers: operator.headers })).body;
    assert.match(byKel.split('\r\n')[0], /^key,label,aps,heartbeats,expected,uptime_pct$/);
  });

  test('a late heartbeat re-rolls its hour and day', async () => {
    const wifi = env.ctx.services.wifi;
    const now = new Date();
    const day = recentWeekday(now);
    const mac = demoMac(501);
    await wifi.telemetry.ingest(
      [{ mac, ts: local(day, 10, 0).toISOString(), clients: 2, rx_bytes: 5, tx_bytes: 5, uptime_s: 1 }],
      'http',
      now,
    );
    await wifi.health.rollup(now, { settleMs: 0 });
    await wifi.telemetry.ingest(
      [{ mac, ts: local(day, 10, 30).toISOString(), clients: 4, rx_bytes: 5, tx_bytes: 5, uptime_s: 2 }],
      'http',
      now,
    );
    await wifi.health.rollup(now, { settleMs: 0 });
    const ap = (await env.app.inject({ url: `/api/wifi/access-points/${mac}`, headers: operator.headers })).json();
    const d = await env.database.query<{ heartbeats: number; clients_sum: string; school_heartbeats: number }>(
      sql`select heartbeats, clients_sum, school_heartbeats from wifi_usage_daily where ap_id = ${ap.id}`,
    );
    assert.deepEqual(
      d.map((x) => [x.heartbeats, Number(x.clients_sum), x.school_heartbeats]),
      [[2, 6, 2]],
    );
  });
});
