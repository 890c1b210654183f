import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, type TestUser } from '../../../test/factories';
import type { DomainEvent } from '../../platform/events/bus';
import { sql } from 'drizzle-orm';
import { demoMac } from './wifi.seed';

let env: TestEnv;
let fleet: TestUser;
let operator: TestUser;
let warga: TestUser;
const events: DomainEvent[] = [];

before(async () => {
  env = await createTestEnv();
  fleet = await buildUser(env, { role: 'wifi_fleet' });
  operator = await buildUser(env, { role: 'operator_opd', scope: 'diskominfo' });
  warga = await buildUser(env, { role: 'warga' });
  env.ctx.events.subscribe((e) => events.push(e));
});
after(async () => env.close());

/** Events cross PostgreSQL via NOTIFY/LISTEN, so they arrive a moment after publish returns. */
async function waitEvent(pred: (e: DomainEvent) => boolean, ms = 5000): Promise<DomainEvent> {
  const end = Date.now() + ms;
  for (;;) {
    const e = events.find(pred);
    if (e) return e;
    if (Date.now() > end) throw new Error('event not seen');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const hb = (mac: string, ts: Date, clients = 3) => ({
  mac,
  ts: ts.toISOString(),
  clients,
  rx_bytes: 1000,
  tx_bytes: 2000,
  uptime_s: 3600,
  rtt_ms: 12.5,
  signal_dbm: -60,
});
const post = (headers: Record<string, string>, payload: unknown) =>
  env.app.inject({ method: 'POST', url: '/api/wifi/telemetry', headers, payload: payload as object });

describe('wifi telemetry', () => {
  test('only wifi_fleet (or admin) may push; others 403, anonymous 401', async () => {
    const body = [hb(demoMac(1), new Date())];
    assert.equal((await post({}, body)).statusCode, 401);
    assert.equal((await post(warga.headers, body)).statusCode, 403);
    assert.equal((await post(operator.headers, body)).statusCode, 403);
    const ok = await post(fleet.headers, body);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().stored, 1);
  });

  test('partial acceptance: good items stored, bad ones listed by index; duplicates and unknown MACs counted', async () => {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const mac = demoMac(2);
    const body = [
      hb(mac, now),
      { ...hb(mac, new Date(now.getTime() - 60_000)), clients: -1 },
      hb(mac, now), // same mac+ts inside the batch
      { mac: 'not-a-mac', ts: now.toISOString(), clients: 1, rx_bytes: 0, tx_bytes: 0, uptime_s: 1 },
      hb('02:00:00:00:99:99', now),
      hb(mac.toUpperCase().replace(/:/g, '-'), new Date(now.getTime() - 120_000)), // other notation, same AP
      { ...hb(mac, new Date(now.getTime() + 3600_000)) },
    ];
    const res = await post(fleet.headers, body);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    assert.equal(r.received, 7);
    assert.equal(r.stored, 2);
    assert.equal(r.duplicates, 1);
    assert.equal(r.unknown, 1);
    assert.deepEqual(r.unknown_macs, ['02:00:00:00:99:99']);
    assert.deepEqual(
      r.rejected.map((x: { index: number }) => x.index),
      [1, 3, 6],
    );
    assert.match(r.rejected[0].message, /clients/);
    assert.match(r.rejected[2].message, /future/);
    // Re-sending the same batch stores nothing new (dedup on mac+ts).
    const again = (await post(fleet.headers, body)).json();
    assert.equal(again.stored, 0);
    assert.equal(again.duplicates, 3);
    // The unknown MAC is listed for operators, with its count.
    const unk = await env.app.inject({ url: '/api/wifi/unknown-macs', headers: operator.headers });
    assert.equal(unk.statusCode, 200);
    const row = unk.json().find((u: { mac: string }) => u.mac === '02:00:00:00:99:99');
    assert.equal(row.count, 2);
    assert.equal((await env.app.inject({ url: '/api/wifi/unknown-macs', headers: warga.headers })).statusCode, 403);
    // The AP shows the newest values.
    const ap = (await env.app.inject({ url: `/api/wifi/access-points/${mac}`, headers: operator.headers })).json();
    assert.equal(ap.last_seen_at, now.toISOString());
    assert.equal(ap.last_clients, 3);
  });

  test('all-bad batch is 400 with details; not an array is 400; too big is 413', async () => {
    const bad = await post(fleet.headers, [{ mac: 'x' }, { foo: 1 }]);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details.length, 2);
    assert.equal(bad.json().error.details[0].path, 'body.0');
    const obj = await post(fleet.headers, { mac: demoMac(3) });
    assert.equal(obj.statusCode, 400);
    const big = Array.from({ length: 5001 }, (_, i) => hb(demoMac(3), new Date(Date.now() - i * 1000)));
    const tooBig = await post(fleet.headers, big);
    assert.equal(tooBig.statusCode, 413);
    assert.match(tooBig.json().error.message, /at most 5000/);
  });
});

describe('wifi health and alerts', () => {
  test('silence → PROBLEM → CRITICAL → back to OK; one alert that opens, escalates and closes with its duration', async () => {
    const wifi = env.ctx.services.wifi;
    const mac = demoMac(10);
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const min = (m: number) => new Date(t0.getTime() + m * 60_000);
    await wifi.telemetry.ingest([hb(mac, t0, 4)], 'http', t0);
    const ap = (await env.app.inject({ url: `/api/wifi/access-points/${mac}`, headers: operator.headers })).json();
    const hotspotId = ap.hotspot_id as number;

    await wifi.health.evaluate(min(1));
    let details = (await env.app.inject(`/api/wifi/hotspots/${hotspotId}`)).json();
    assert.equal(details.state, 'working');
    assert.equal(details.access_points[0].state, 'up');

    events.length = 0;
    await wifi.health.evaluate(min(6));
    await waitEvent(
      (e) =>
        e.type === 'wifi.ap.state_changed' &&
        (e.data as { mac: string; to: string }).mac === mac &&
        (e.data as { to: string }).to === 'PROBLEM',
    );
    const opened = await waitEvent((e) => e.type === 'wifi.alert.opened' && (e.data as { mac: string }).mac === mac);
    assert.deepEqual(
      [(opened.data as { started_at: string }).started_at, (opened.data as { detected_at: string }).detected_at],
      [t0.toISOString(), min(6).toISOString()],
    );
    const notOk = (await env.app.inject({ url: '/api/wifi/ops/aps-not-ok', headers: operator.headers })).json();
    const mine = notOk.find((x: { mac: string }) => x.mac === mac);
    assert.equal(mine.health, 'PROBLEM');
    assert.match(mine.reason, /tidak ada heartbeat/);
    // How long: from the last heartbeat (t0), not from when the check noticed (min 6).
    assert.equal(mine.since, min(6).toISOString());
    assert.equal(mine.down_since, t0.toISOString());
    assert.ok(
      Math.abs(mine.duration_s - (Date.now() - t0.getTime()) / 1000) <= 5,
      `duration ${mine.duration_s} s counts from the last heartbeat`,
    );
    const notOkCsv = (await env.app.inject({ url: '/api/wifi/ops/aps-not-ok?format=csv', headers: operator.headers })).body.split('\r\n');
    assert.match(notOkCsv[0], /^mac,health,reason,since,down_since,duration_s,/);
    assert.ok(notOkCsv.some((l) => l.startsWith(`${mac},PROBLEM,`) && l.includes(`,${min(6).toISOString()},${t0.toISOString()},`)));

    await wifi.health.evaluate(min(31));
    const open = (await env.app.inject({ url: `/api/wifi/alerts?status=open&mac=${mac}`, headers: operator.headers })).json();
    assert.equal(open.items.length, 1, 'escalation keeps one alert');
    assert.equal(open.items[0].severity, 'CRITICAL');
    assert.equal(open.items[0].started_at, t0.toISOString(), 'the alert starts when the AP went silent');
    assert.equal(open.items[0].detected_at, min(6).toISOString(), 'and records when the check noticed');
    const escalated = (await env.app.inject({ url: '/api/wifi/ops/aps-not-ok', headers: operator.headers }))
      .json()
      .find((x: { mac: string }) => x.mac === mac);
    assert.equal(escalated.since, min(31).toISOString());
    assert.equal(escalated.down_since, t0.toISOString(), 'escalation does not restart the clock');
    details = (await env.app.inject(`/api/wifi/hotspots/${hotspotId}`)).json();
    assert.equal(details.state, 'totalFailure', 'public details reflect the change (cache invalidated)');
    const list = (await env.app.inject('/api/wifi/hotspots?status=down')).json();
    assert.ok(list.rows.some((r: unknown[]) => r[0] === hotspotId));

    // The operator acknowledges with a note.
    const ack = await env.app.inject({
      method: 'POST',
      url: `/api/wifi/alerts/${open.items[0].id}/ack`,
      headers: operator.headers,
      payload: { note: 'Teknisi dikirim' },
    });
    assert.equal(ack.statusCode, 200, ack.body);
    assert.equal(ack.json().ack_note, 'Teknisi dikirim');
    assert.equal(
      (await env.app.inject({ method: 'POST', url: `/api/wifi/alerts/${open.items[0].id}/ack`, headers: warga.headers, payload: {} }))
        .statusCode,
      403,
    );

    await wifi.telemetry.ingest([hb(mac, min(32), 2)], 'http', min(32));
    events.length = 0;
    await wifi.health.evaluate(min(33));
    await waitEvent((e) => e.type === 'wifi.alert.closed' && (e.data as { mac: string }).mac === mac);
    // The demo seed may hold past (closed) alerts of this AP too; this episode is the one that started at t0.
    const closed = (await env.app.inject({ url: `/api/wifi/alerts?status=closed&mac=${mac}`, headers: operator.headers }))
      .json()
      .items.filter((x: { started_at: string }) => x.started_at === t0.toISOString());
    assert.equal(closed.length, 1);
    assert.equal(closed[0].ended_at, min(33).toISOString());
    assert.equal(closed[0].duration_s, 33 * 60, 'from the last heartbeat before the outage to the close');
    assert.equal(closed[0].acknowledged_by, operator.email);
    details = (await env.app.inject(`/api/wifi/hotspots/${hotspotId}`)).json();
    assert.equal(details.state, 'working');
  });

  test('an evaluation accounts for every AP though it reads only those that may change; hotspot states follow in the database', async () => {
    const wifi = env.ctx.services.wifi;
    // A place of its own with two APs, so what other tests (or the demo seed) did to theirs does not matter.
    const [hs] = await env.database.query<{ id: number }>(sql`
      insert into wifi_hotspot (code, name, lat, lng, kelurahan_code, category, phase, status)
      select 'TEST-EVAL-1', 'Evaluation test', -6.4, 106.8, code, 'ruang_publik', 'pjj_2020', 'active' from kelurahan order by code limit 1
      returning id`);
    const [a, b] = ['0a:e7:a1:00:00:01', '0a:e7:a1:00:00:02'];
    await env.database.query(sql`insert into wifi_access_point (mac, hotspot_id) values (${a}, ${hs.id}), (${b}, ${hs.id})`);
    wifi.telemetry.resetMacIndex();
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const min = (m: number) => new Date(t0.getTime() + m * 60_000);
    const total = async () => (await env.database.query<{ n: number }>(sql`select count(*)::int as n from wifi_access_point`))[0].n;
    const state = async () =>
      (await env.database.query<{ state: string }>(sql`select state from wifi_hotspot where id = ${hs.id}`))[0].state;

    await wifi.telemetry.ingest([hb(a, t0), hb(b, t0)], 'http', t0);
    const s1 = await wifi.health.evaluate(min(1));
    assert.equal(s1.evaluated, await total());
    assert.equal(
      Object.values(s1.counts).reduce((x, y) => x + y, 0),
      s1.evaluated,
      'skipped APs are counted as OK, not left out',
    );
    assert.equal(await state(), 'working');

    // b stays silent: PROBLEM after 5 min, so the place works partially and b has an alert.
    await wifi.telemetry.ingest([hb(a, min(5))], 'http', min(5));
    await wifi.health.evaluate(min(6));
    assert.equal(await state(), 'workingPartially');
    const openB = (await env.app.inject({ url: `/api/wifi/alerts?status=open&mac=${b}`, headers: operator.headers })).json();
    assert.equal(openB.items.length, 1);

    // Put in maintenance: no service, and b's alert closes though b's health is unchanged.
    await env.database.query(sql`update wifi_hotspot set status = 'maintenance' where id = ${hs.id}`);
    const s3 = await wifi.health.evaluate(min(7));
    assert.ok(s3.alerts_closed >= 1);
    assert.equal(await state(), 'noService');
    const closedB = (await env.app.inject({ url: `/api/wifi/alerts?status=closed&mac=${b}`, headers: operator.headers })).json();
    assert.equal(closedB.items[0].ended_at, min(7).toISOString());
  });

  test('alert history pages by keyset and exports CSV', async () => {
    const wifi = env.ctx.services.wifi;
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await wifi.telemetry.ingest(
      [20, 21, 22].map((n) => hb(demoMac(n), t0)),
      'http',
      t0,
    );
    await wifi.health.evaluate(new Date(t0.getTime() + 10 * 60_000));
    const p1 = (await env.app.inject({ url: '/api/wifi/alerts?status=open&limit=2', headers: operator.headers })).json();
    assert.equal(p1.items.length, 2);
    assert.ok(p1.next_before);
    const p2 = (
      await env.app.inject({ url: `/api/wifi/alerts?status=open&limit=2&before=${p1.next_before}`, headers: operator.headers })
    ).json();
    assert.ok(p2.items.length >= 1);
    assert.ok(p2.items.every((a: { id: number }) => a.id < p1.next_before));
    const csv = await env.app.inject({ url: '/api/wifi/alerts?format=csv', headers: operator.headers });
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body.split('\r\n')[0], /^id,mac,hotspot_id/);
    assert.equal((await env.app.inject({ url: '/api/wifi/alerts', headers: warga.headers })).statusCode, 403);
  });

  test('health rules: admin can change them, validated and audited', async () => {
    const admin = await buildUser(env, { role: 'admin' });
    const cur = (await env.app.inject({ url: '/api/wifi/health/rules', headers: operator.headers })).json();
    assert.equal(cur.no_heartbeat_problem_s, 300);
    assert.equal(cur.zero_clients_s, 10800);
    const bad = await env.app.inject({
      method: 'PUT',
      url: '/api/wifi/health/rules',
      headers: admin.headers,
      payload: { ...cur, no_heartbeat_critical_s: 100 },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(
      (await env.app.inject({ method: 'PUT', url: '/api/wifi/health/rules', headers: operator.headers, payload: cur })).statusCode,
      403,
    );
    const ok = await env.app.inject({
      method: 'PUT',
      url: '/api/wifi/health/rules',
      headers: admin.headers,
      payload: { ...cur, no_heartbeat_problem_s: 600 },
    });
    assert.equal(ok.statusCode, 200);
    assert.equal((await env.ctx.services.wifi.health.rules()).noHeartbeatProblemS, 600);
    await env.app.inject({ method: 'PUT', url: '/api/wifi/health/rules', headers: admin.headers, payload: cur });
  });
});
