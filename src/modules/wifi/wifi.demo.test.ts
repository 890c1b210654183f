import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, type TestUser } from '../../../test/factories';
import type { JobDef, JobRunner } from '../../platform/jobs/runner';
import { loadWifiConfig } from './wifi.config';
import { DEMO_FEED_JOB, DemoFeed, startDemoFeed } from './wifi.demo.feed';
import { HISTORY_UNTIL_KEY } from './wifi.demo.history';
import { demoProfile, outageAt } from './wifi.demo.model';
import * as trepo from './wifi.telemetry.repo';

// The demo install must look alive without the simulator: the template database is seeded with the
// demo history (as every fresh `npm start`), and the live feed is driven here by hand (it is off in
// test runs: WIFI_DEMO_FEED=false).

let env: TestEnv;
let operator: TestUser;
let until: Date;

before(async () => {
  env = await createTestEnv();
  operator = await buildUser(env, { role: 'operator_opd', scope: 'diskominfo' });
  const u = await trepo.getSetting<string>(env.database.db, HISTORY_UNTIL_KEY);
  assert.ok(u, 'the demo seed recorded where its history ends');
  until = new Date(u);
});
after(async () => env.close());

const WIB = 7 * 3600_000;
const localDay = (t: number) => new Date(t + WIB).toISOString().slice(0, 10);
const monthOf = (t: number) => localDay(t).slice(0, 7);
const prevMonth = (m: string) => {
  const [y, mm] = m.split('-').map(Number);
  return mm === 1 ? `${y - 1}-12` : `${y}-${String(mm - 1).padStart(2, '0')}`;
};
interface SlaRow {
  key: string;
  label: string;
  aps: number;
  heartbeats: number;
  expected: number;
  uptime_pct: number;
}

describe('wifi demo history (seeded with the demo data)', () => {
  test('SLA this month and last month: most APs 97–100 %, a few bad ones, Provider C a little worse', async () => {
    const wifi = env.ctx.services.wifi;
    // "Now" = where the seeded history ends, so the figures do not depend on how long ago the template was built.
    const thisMonth = monthOf(until.getTime() - 1);
    for (const month of [thisMonth, prevMonth(thisMonth)]) {
      const byAp = (await wifi.ops.sla(operator, month, 'ap', until)).rows as SlaRow[];
      assert.equal(byAp.length, 1834, month);
      assert.ok(
        byAp.every((r) => r.heartbeats > 0 && r.uptime_pct <= 100),
        `${month}: every AP has figures`,
      );
      // The first days of a month are too short a period for the proportions below.
      if (month === thisMonth && byAp[0].expected < 7 * 1440) continue;
      const good = byAp.filter((r) => r.uptime_pct >= 97).length;
      const bad = byAp.filter((r) => r.uptime_pct < 95).length;
      assert.ok(good / byAp.length >= 0.85, `${month}: ${good} of ${byAp.length} APs at 97 % or more`);
      assert.ok(
        byAp.every((r) => r.uptime_pct > 50),
        `${month}: no AP is dead`,
      );
      assert.ok(bad >= 5 && bad <= byAp.length * 0.1, `${month}: a few bad APs (${bad})`);
    }
    // A whole month for the provider comparison.
    const last = prevMonth(thisMonth);
    const byProvider = (await wifi.ops.sla(operator, last, 'provider', until)).rows as SlaRow[];
    const pct = Object.fromEntries(byProvider.map((r) => [r.key, r.uptime_pct]));
    assert.deepEqual(Object.keys(pct).sort(), ['Provider A (demo)', 'Provider B (demo)', 'Provider C (demo)']);
    for (const v of Object.values(pct)) assert.ok(v > 97 && v < 100, JSON.stringify(pct));
    assert.ok(pct['Provider C (demo)'] < Math.min(pct['Provider A (demo)'], pct['Provider B (demo)']), JSON.stringify(pct));

    // The HTTP endpoint and its CSV serve the same figures.
    const csv = await env.app.inject({ url: `/api/wifi/sla?month=${last}&by=provider&format=csv`, headers: operator.headers });
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.body.trim().split('\r\n').length, 4);
  });

  test('usage over the last 30 days: every day has figures, school hours busier on weekdays, none at weekends', async () => {
    const to = localDay(until.getTime() - 1);
    const from = localDay(until.getTime() - 1 - 30 * 86_400_000);
    const res = await env.app.inject({ url: `/api/wifi/usage?from=${from}&to=${to}`, headers: operator.headers });
    assert.equal(res.statusCode, 200, res.body);
    const rows = res.json() as { day: string; aps: number; clients_avg: number; school_clients_avg: number; rx_bytes: number }[];
    const days = new Set(rows.map((r) => r.day));
    assert.ok(days.size >= 30, `${days.size} days`);
    assert.equal(new Set(rows.map((r) => (r as unknown as { kelurahan_code: string }).kelurahan_code)).size, 63);
    let weekdaySchool = 0;
    let weekdayAll = 0;
    for (const r of rows) {
      const dow = new Date(`${r.day}T12:00:00Z`).getUTCDay();
      assert.ok(r.rx_bytes > 0, `${r.day} has traffic`);
      if (dow === 0 || dow === 6) assert.equal(r.school_clients_avg, 0, `${r.day} is a weekend`);
      else if (r.day < to) {
        weekdaySchool += r.school_clients_avg;
        weekdayAll += r.clients_avg;
      }
    }
    assert.ok(weekdaySchool > weekdayAll * 1.2, `school hours ${weekdaySchool} vs whole day ${weekdayAll}`);
  });

  test('closed alerts match the gaps: each one ended, was noticed after the tolerance, and the worst AP has them', async () => {
    const wifi = env.ctx.services.wifi;
    const open = await wifi.ops.alerts(operator, { status: 'open', limit: 5 });
    assert.equal(open.items.length, 0, 'the seed leaves no alert open');
    const closed = await wifi.ops.alerts(operator, { status: 'closed', limit: 500 });
    assert.equal(closed.items.length, 500);
    for (const a of closed.items) {
      const start = Date.parse(a.started_at);
      assert.ok(Date.parse(a.detected_at) - start >= 300_000, `alert ${a.id} noticed after 5 min`);
      assert.ok(Date.parse(a.ended_at!) > Date.parse(a.detected_at));
      assert.ok(Date.parse(a.ended_at!) <= until.getTime() + 60_000);
      assert.equal(a.severity, a.duration_s >= 1800 ? 'CRITICAL' : 'PROBLEM');
      assert.match(a.reason, /^tidak ada heartbeat ≥ (5|30) menit$/);
    }
    const last = prevMonth(monthOf(until.getTime() - 1));
    const worst = ((await wifi.ops.sla(operator, last, 'ap', until)).rows as SlaRow[]).sort((a, b) => a.uptime_pct - b.uptime_pct)[0];
    const mine = await wifi.ops.alerts(operator, {
      mac: worst.key,
      from: `${last}-01T00:00:00+07:00`,
      to: `${monthOf(until.getTime() - 1)}-01T00:00:00+07:00`,
      limit: 200,
    });
    const downS = mine.items.reduce((s, a) => s + a.duration_s, 0);
    const missingS = (worst.expected - worst.heartbeats) * 60;
    assert.ok(downS > missingS * 0.8, `alerts cover the gaps of ${worst.key}: ${downS} s of ${missingS} s missing`);
  });
});

describe('wifi live demo feed', () => {
  test('one tick + evaluation: demo points get real states and alerts open; a later tick closes some', async () => {
    const wifi = env.ctx.services.wifi;
    const feed = new DemoFeed(wifi, env.database);
    const now = new Date();
    const tick = await feed.tick(now);
    assert.equal(tick.aps, 1834);
    assert.ok(tick.silent >= 1, `some APs are silent now (${tick.silent})`);
    assert.ok(tick.silent < 1834 * 0.05);
    assert.ok(tick.stored >= 1800, JSON.stringify(tick));
    const ev = await wifi.health.evaluate(now);
    assert.equal(ev.counts.UNKNOWN, 0, 'every demo AP has reported');
    assert.ok(ev.counts.OK > 1700, JSON.stringify(ev.counts));
    assert.ok(ev.alerts_opened >= 1, JSON.stringify(ev));
    const map = (await env.app.inject({ url: '/api/wifi/hotspots' })).json() as { by_state: Record<string, number> };
    assert.ok(map.by_state.working > 1700, JSON.stringify(map.by_state));
    assert.ok(map.by_state.totalFailure >= 1, JSON.stringify(map.by_state));
    assert.equal(map.by_state.noService ?? 0, 0, JSON.stringify(map.by_state));
    const notOk = await wifi.ops.apsNotOk(operator, false, now);
    assert.ok(notOk.length >= 1 && notOk.every((r) => r.reason?.startsWith('tidak ada heartbeat')));
    // Silent APs are those the demo model has in an outage now, and their silence began when it did.
    const ms = wifi.cfg.heartbeatIntervalS * 1000;
    for (const r of notOk) {
      const o = outageAt(demoProfile({ mac: r.mac, provider: r.provider }), Math.floor(now.getTime() / ms) * ms, ms);
      assert.ok(o, `${r.mac} is in an outage of the model`);
      assert.ok(Date.parse(r.down_since!) >= Math.min(o.start - ms, until.getTime()));
    }

    // Three hours on, every outage of now has ended (none lasts a whole window): their alerts close.
    const later = new Date(now.getTime() + 3 * 3600_000);
    await feed.tick(later);
    const ev2 = await wifi.health.evaluate(later);
    assert.ok(ev2.alerts_closed >= 1, JSON.stringify(ev2));
  });

  test('the feed never writes a heartbeat for an AP that is not a demo AP of a demo hotspot', async () => {
    const wifi = env.ctx.services.wifi;
    const h = await env.app.inject({
      method: 'POST',
      url: '/api/wifi/registry/hotspots',
      headers: operator.headers,
      payload: { name: 'Balai Warga Nyata', lat: -6.4, lng: 106.82, category: 'balai_rw', phase: 'pjj_2020' },
    });
    assert.equal(h.statusCode, 201, h.body);
    const [demoHotspot] = await env.database.query<{ id: number }>(sql`select id from wifi_hotspot where is_demo order by id limit 1`);
    for (const [mac, hotspot] of [
      ['aa:bb:cc:00:00:01', h.json().id],
      ['aa:bb:cc:00:00:02', demoHotspot.id], // a real device installed at a demo place
    ]) {
      const ap = await env.app.inject({
        method: 'POST',
        url: '/api/wifi/access-points',
        headers: operator.headers,
        payload: { mac, hotspot_id: hotspot },
      });
      assert.equal(ap.statusCode, 201, ap.body);
    }
    const tick = await new DemoFeed(wifi, env.database).tick(new Date(Date.now() + 60_000));
    assert.ok(tick.stored > 1700);
    const [{ n }] = await env.database.query<{ n: number }>(
      sql`select count(*)::int as n from wifi_heartbeat b join wifi_access_point a on a.id = b.ap_id where not a.is_demo`,
    );
    assert.equal(n, 0);
    const real = await env.database.query<{ last_seen_at: string | null }>(
      sql`select last_seen_at from wifi_access_point where mac in ('aa:bb:cc:00:00:01', 'aa:bb:cc:00:00:02')`,
    );
    assert.deepEqual(
      real.map((r) => r.last_seen_at),
      [null, null],
    );
  });

  test('WIFI_DEMO_FEED: false registers nothing and writes nothing; unset follows SEED_DEMO; a bad value is named', async () => {
    assert.equal(loadWifiConfig({ WIFI_DEMO_FEED: 'false' }).demoFeed, 'off');
    assert.equal(loadWifiConfig({}).demoFeed, 'auto');
    assert.equal(loadWifiConfig({ WIFI_DEMO_FEED: 'true' }).demoFeed, 'on');
    assert.throws(() => loadWifiConfig({ WIFI_DEMO_FEED: 'sometimes' }), /WIFI_DEMO_FEED/);

    const registered: string[] = [];
    const ranNow: string[] = [];
    const jobs: JobRunner = {
      register: (j: JobDef) => void registered.push(j.name),
      runNow: async (name) => (ranNow.push(name), true),
      start: () => undefined,
      stop: async () => undefined,
    };
    const before = await trepo.rawCount(env.database.db);
    const ctx = { ...env.ctx, jobs };
    assert.equal(await startDemoFeed(ctx, 'off'), undefined);
    assert.equal(await startDemoFeed({ ...ctx, config: { ...env.ctx.config, SEED_DEMO: false } }, 'auto'), undefined);
    assert.deepEqual(registered, []);
    assert.equal(await trepo.rawCount(env.database.db), before, 'no heartbeat written');

    // Unset with demo data: registered, fed and evaluated once at start.
    const stop = await startDemoFeed(ctx, 'auto');
    assert.ok(stop);
    await stop();
    assert.deepEqual(registered, [DEMO_FEED_JOB]);
    assert.deepEqual(ranNow, [DEMO_FEED_JOB, 'wifi.health.evaluate']);
  });
});
