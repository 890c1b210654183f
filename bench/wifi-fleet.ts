// Benchmark: the aim at fleet scale — 100,000 registered APs, each sending one heartbeat
// every 30 s (3,334/s), sustained on one real server process (`smartcity serve`) while its own
// health evaluation (every 60 s over all APs) and roll-up jobs run; then the rate is stepped up
// until the server falls behind, to find the ceiling and where it is.
//
//   npm run bench wifi-fleet                                    # PostgreSQL (BENCH_PG_URL), then PGlite
//   BENCH_BACKENDS=postgres BENCH_FLEET_S=120 npm run bench wifi-fleet
//
// Settings (env): BENCH_BACKENDS (postgres,pglite) · BENCH_PG_URL (else DATABASE_URL, else local) ·
// BENCH_FLEET_APS (100000) · BENCH_FLEET_S (60: seconds at the aim) · BENCH_FLEET_STEPS (2,3,4,6:
// multiples of the aim tried after it, BENCH_FLEET_STEP_S each, stopping at the first that falls
// behind) · BENCH_FLEET_VIA (http,mqtt) · BENCH_FLEET_GATEWAYS (20 HTTP gateways, one batch a second
// each) · BENCH_ROLLUP_EVERY_S (60; the default 300 would not run inside a short bench).
//
// The fleet is registered by SQL (one INSERT … SELECT generate_series per table) in the bench's own
// database: the import API would take minutes and measures something else. APs start "healthy, last
// seen within 30 s"; 3 % are in an outage (silent, some for hours) so the evaluation has real alerts.
//
// Writes bench/results/wifi-fleet.json (per backend). The aim is reported against, not asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { expectedClients } from '../src/modules/wifi/wifi.simulator';
import { cli, freePort, writeResult } from './lib';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const APS = Number(process.env.BENCH_FLEET_APS ?? 100_000);
const INTERVAL_S = 30;
const AIM = Math.round(APS / INTERVAL_S);
const AIM_S = Number(process.env.BENCH_FLEET_S ?? 60);
const STEP_S = Number(process.env.BENCH_FLEET_STEP_S ?? 20);
const STEPS = (process.env.BENCH_FLEET_STEPS ?? '2,3,4,6')
  .split(',')
  .filter(Boolean)
  .map(Number)
  .filter((x) => x > 0);
const VIA = (process.env.BENCH_FLEET_VIA ?? 'http,mqtt').split(',') as ('http' | 'mqtt')[];
const GATEWAYS = Number(process.env.BENCH_FLEET_GATEWAYS ?? 20);
const ROLLUP_EVERY_S = Number(process.env.BENCH_ROLLUP_EVERY_S ?? 60);
const MQTT_URL = process.env.BENCH_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const PG_URL = process.env.BENCH_PG_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MAX_BATCH = 5000; // the server's default WIFI_TELEMETRY_MAX_BATCH
const OUTAGE_EVERY = 33; // every 33rd AP is silent (≈ 3 %)
const TICK_MS = process.env.CLK_TCK ? 1000 / Number(process.env.CLK_TCK) : 10;

type Backend = 'postgres' | 'pglite';

/** Fleet MAC n (0-based): locally administered 06:be:ee:xx:xx:xx, the same formula as the SQL below. */
function fleetMac(n: number): string {
  const x = n.toString(16).padStart(6, '0');
  return `06:be:ee:${x.slice(0, 2)}:${x.slice(2, 4)}:${x.slice(4, 6)}`;
}

const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
const q = (sorted: number[], p: number) =>
  sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]) : null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

// ---------------------------------------------------------------- processes and CPU

function cpuTicks(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0; // the process ended
  }
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Busy CPU ticks of the whole machine (all cores), to tell "server slow" from "machine full". */
function machineTicks(): { busy: number; total: number } {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

function mosquittoPid(): number | undefined {
  try {
    return Number(fs.readFileSync('/run/mosquitto/mosquitto.pid', 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples CPU of the server, of the PostgreSQL backends serving the bench database, of the broker
 * and of this generator, and the server's RSS, so a window's figures can be cut out afterwards.
 */
class Sampler {
  private timer?: NodeJS.Timeout;
  private pgTicks = new Map<number, number>(); // backend pid → last ticks seen
  private pgTotal = 0;
  rssMax = 0;
  rssLast = 0;
  constructor(
    private readonly serverPid: number,
    private readonly admin?: pg.Client,
    private readonly dbName?: string,
  ) {}
  start() {
    const tick = async () => {
      this.rssLast = rssMb(this.serverPid);
      this.rssMax = Math.max(this.rssMax, this.rssLast);
      await this.samplePg();
    };
    const safe = () => void tick().catch(() => undefined); // a sample missed is no reason to stop the bench
    this.timer = setInterval(safe, 1000);
    safe();
  }
  stop() {
    if (this.timer) clearInterval(this.timer);
  }
  private async samplePg() {
    if (!this.admin || !this.dbName) return;
    const r = await this.admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [this.dbName]);
    for (const { pid } of r.rows) {
      const t = cpuTicks(pid);
      const prev = this.pgTicks.get(pid) ?? t; // a backend first seen now counts from now
      this.pgTotal += Math.max(0, t - prev);
      this.pgTicks.set(pid, t);
    }
  }
  mark() {
    const m = machineTicks();
    const mq = mosquittoPid();
    return {
      at: Date.now(),
      server: cpuTicks(this.serverPid),
      pg: this.pgTotal,
      mosquitto: mq ? cpuTicks(mq) : 0,
      gen: process.cpuUsage(),
      busy: m.busy,
      total: m.total,
    };
  }
  /** CPU % (100 = one core) of each party between two marks. */
  static cpu(a: ReturnType<Sampler['mark']>, b: ReturnType<Sampler['mark']>, stored: number) {
    const s = (b.at - a.at) / 1000;
    const pct = (ticks: number) => round((ticks * TICK_MS) / 10 / s, 0);
    const gen = b.gen.user + b.gen.system - a.gen.user - a.gen.system;
    // CPU time per stored heartbeat does not depend on what else the shared machine runs.
    const us = (ticks: number) => (stored ? Math.round((ticks * TICK_MS * 1000) / stored) : null);
    return {
      server_us_per_hb: us(b.server - a.server),
      postgres_us_per_hb: us(b.pg - a.pg),
      mosquitto_us_per_hb: us(b.mosquitto - a.mosquitto),
      generator_us_per_hb: stored ? Math.round(gen / stored) : null,
      server_pct: pct(b.server - a.server),
      postgres_pct: pct(b.pg - a.pg),
      mosquitto_pct: pct(b.mosquitto - a.mosquitto),
      generator_pct: round(gen / 1000 / 10 / s, 0),
      machine_pct: round(((b.busy - a.busy) / Math.max(1, b.total - a.total)) * 100 * os.cpus().length, 0),
      machine_cap_pct: os.cpus().length * 100,
    };
  }
}

async function startServer(env: Record<string, string>, logFile: string): Promise<{ child: ChildProcess; url: string; readyMs: number }> {
  const port = await freePort();
  const fd = fs.openSync(logFile, 'w');
  const t0 = Date.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/smartcity.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`);
    if (Date.now() - t0 > 180_000) throw new Error('server not ready in 180 s');
    const ok = await fetch(`${url}/api/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await sleep(100);
  }
  return { child, url, readyMs: Date.now() - t0 };
}

// ---------------------------------------------------------------- the fleet

/** Registers APS APs on APS/2 hotspots spread over Depok's kelurahan, by SQL; returns the seconds it took. */
async function registerFleet(exec: (sql: string) => Promise<unknown>): Promise<number> {
  const t0 = Date.now();
  const hotspots = Math.ceil(APS / 2);
  await exec(`
    with kel as (select code, (row_number() over (order by code))::int - 1 as i from kelurahan),
         n as (select count(*)::int as n from kelurahan)
    insert into wifi_hotspot (code, name, lat, lng, location_note, kelurahan_code, category, phase, provider, bandwidth_mbps,
                              ssids, status, state, is_demo)
    select 'BENCH-' || g, 'Bench fleet hotspot ' || g, -6.45 + (g % 997) * 0.0001, 106.75 + (g % 991) * 0.0001,
           'BENCH: synthetic fleet of bench/wifi-fleet', kel.code, 'ruang_publik', 'pjj_2020', 'Provider ' || (g % 3) || ' (bench)', 20,
           '["Depok Bench"]'::jsonb, 'active', 'working', true
    from generate_series(0, ${hotspots - 1}) g join kel on kel.i = g % (select n from n)`);
  // Outage APs were last seen 0–2 h ago (some PROBLEM, most CRITICAL); the rest within the last 30 s.
  await exec(`
    insert into wifi_access_point (mac, hotspot_id, model, firmware, is_demo, first_seen_at, last_seen_at, last_nonzero_at,
                                   last_clients, last_uptime_s, health, health_since)
    select '06:be:ee:' || substr(x, 1, 2) || ':' || substr(x, 3, 2) || ':' || substr(x, 5, 2), h.id, 'Bench AP', '1.0', true,
           now() - interval '2 days',
           case when s.n % ${OUTAGE_EVERY} = 0 then now() - make_interval(secs => (s.n % 7200)) else now() - make_interval(secs => (s.n % 30)) end,
           now() - interval '20 minutes', 3, 86400, 'OK', now() - interval '2 days'
    from (select n, lpad(to_hex(n), 6, '0') as x from generate_series(0, ${APS - 1}) n) s
    join wifi_hotspot h on h.code = 'BENCH-' || (s.n / 2)`);
  await exec('analyze wifi_hotspot; analyze wifi_access_point');
  return round((Date.now() - t0) / 1000);
}

interface Beat {
  n: number;
  ts: number;
}

/**
 * The paced heartbeat schedule: heartbeat h goes to the h-th reporting AP (cyclically) at
 * t0 + h / rate, so at the aim every reporting AP sends once per 30 s, evenly spread. Raising the
 * rate shortens every AP's interval (same fleet, more often) — how the ceiling is searched.
 */
class Schedule {
  readonly reporting: number[] = [];
  private h0 = 0;
  private t0: number;
  private h = 0;
  constructor(
    public rate: number,
    start = Date.now(),
  ) {
    for (let n = 0; n < APS; n++) if (n % OUTAGE_EVERY !== 0) this.reporting.push(n);
    this.t0 = start;
  }
  setRate(rate: number, at = Date.now()) {
    this.h0 = this.h0 + Math.floor(((at - this.t0) / 1000) * this.rate);
    this.h = Math.max(this.h, this.h0);
    this.t0 = at;
    this.rate = rate;
  }
  get produced() {
    return this.h;
  }
  /** Heartbeats due up to `now` that were not handed out yet. */
  due(now = Date.now()): Beat[] {
    const upto = this.h0 + Math.floor(((now - this.t0) / 1000) * this.rate);
    const out: Beat[] = [];
    for (; this.h < upto; this.h++) {
      out.push({ n: this.reporting[this.h % this.reporting.length], ts: this.t0 + ((this.h - this.h0) / this.rate) * 1000 });
    }
    return out;
  }
}

/** Realistic fields: daily usage curve with the school-hours peak, traffic by clients, link quality. */
function fields(b: Beat) {
  const at = new Date(b.ts);
  const clients = expectedClients({ size: 2 + (b.n % 25) }, at, Math.random);
  const rx = Math.round(clients * 30 * (20_000 + Math.random() * 60_000));
  return {
    ts: at.toISOString(),
    clients,
    rx_bytes: rx,
    tx_bytes: Math.round(rx / 8),
    uptime_s: 86_400 + Math.floor(b.ts / 1000) - Math.floor(RUN_START / 1000),
    rtt_ms: round(5 + Math.random() * 60),
    signal_dbm: -45 - (b.n % 40),
  };
}
const RUN_START = Date.now();

// ---------------------------------------------------------------- load phases

interface Window {
  label: string;
  offered_per_s: number;
  seconds: number;
  from_ms: number;
  to_ms: number;
  offered: number;
  stored: number;
  stored_per_s: number;
  backlog_end: number;
  behind: boolean;
  cpu: ReturnType<typeof Sampler.cpu>;
  rss_mb: number;
  ack_p50_ms?: number | null;
  ack_p99_ms?: number | null;
  requests?: number;
  errors?: number;
  lag_p50_ms?: number | null;
  lag_p99_ms?: number | null;
}

/** The rate plan: the aim for AIM_S, then each step for STEP_S until one falls behind. */
const plan = (): { label: string; rate: number; seconds: number }[] => [
  { label: 'aim', rate: AIM, seconds: AIM_S },
  ...STEPS.map((m) => ({ label: `${m}× aim`, rate: AIM * m, seconds: STEP_S })),
];

/**
 * A window falls behind when more than 2 s of heartbeats wait at its end (gateways hold up to 1 s by
 * design, the MQTT ingest buffers 200 ms) or the backlog grew by more than 1 s of heartbeats in it.
 */
const isBehind = (w: { backlogStart: number; backlog: number; rate: number }) =>
  w.backlog > w.rate * 2 || w.backlog - w.backlogStart > w.rate;

type Mark = ReturnType<Sampler['mark']>;

/** The common part of a load window's record: offered vs stored, backlog, CPU and memory. */
function windowOf(
  step: { label: string; rate: number },
  m0: Mark,
  m1: Mark,
  w: { offered: number; stored: number; backlogStart: number; backlog: number },
  sampler: Sampler,
): Window {
  const secs = (m1.at - m0.at) / 1000;
  return {
    label: step.label,
    offered_per_s: step.rate,
    seconds: round(secs),
    from_ms: m0.at,
    to_ms: m1.at,
    offered: w.offered,
    stored: w.stored,
    stored_per_s: Math.round(w.stored / secs),
    backlog_end: w.backlog,
    behind: isBehind({ ...w, rate: step.rate }),
    cpu: Sampler.cpu(m0, m1, w.stored),
    rss_mb: sampler.rssLast,
  };
}

async function httpLoad(url: string, token: string, sampler: Sampler) {
  const sched = new Schedule(AIM);
  const queues: Beat[][] = Array.from({ length: GATEWAYS }, () => []);
  let inflight = 0;
  let stored = 0;
  let errors = 0;
  let lat: number[] = [];
  let requests = 0;
  let producing = true;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const t0 = Date.now();
  // The "controller" of each gateway: every second it posts what its APs sent since the last post.
  const gateway = async (g: number) => {
    for (let k = 1; ; k++) {
      await sleep(t0 + k * 1000 + (g * 1000) / GATEWAYS - Date.now());
      const q0 = queues[g];
      if (!producing && !q0.length) return;
      while (q0.length) {
        const batch = q0.splice(0, MAX_BATCH);
        inflight += batch.length;
        const body = JSON.stringify(batch.map((b) => ({ mac: fleetMac(b.n), ...fields(b) })));
        const t = performance.now();
        try {
          const res = await fetch(`${url}/api/wifi/telemetry`, { method: 'POST', headers, body });
          lat.push(performance.now() - t);
          requests++;
          if (res.ok) stored += ((await res.json()) as { stored: number }).stored;
          else {
            errors++;
            await res.text();
          }
        } catch {
          errors++;
        }
        inflight -= batch.length;
      }
    }
  };
  const feeder = async () => {
    while (producing) {
      for (const b of sched.due()) queues[b.n % GATEWAYS].push(b);
      await sleep(100);
    }
  };
  const runners = [feeder(), ...Array.from({ length: GATEWAYS }, (_, g) => gateway(g))];
  const windows: Window[] = [];
  for (const step of plan()) {
    sched.setRate(step.rate);
    const m0 = sampler.mark();
    const [p0, s0, r0] = [sched.produced, stored, requests];
    const backlogStart = queues.reduce((a, x) => a + x.length, 0) + inflight;
    lat = [];
    const e0 = errors;
    await sleep(step.seconds * 1000);
    const m1 = sampler.mark();
    const backlog = queues.reduce((a, x) => a + x.length, 0) + inflight;
    const sorted = [...lat].sort((a, b) => a - b);
    windows.push({
      ...windowOf(step, m0, m1, { offered: sched.produced - p0, stored: stored - s0, backlogStart, backlog }, sampler),
      ack_p50_ms: q(sorted, 0.5),
      ack_p99_ms: q(sorted, 0.99),
      requests: requests - r0,
      errors: errors - e0,
    });
    process.stdout.write(`  http ${fmtWindow(windows[windows.length - 1])}\n`);
    if (windows[windows.length - 1].behind) break;
  }
  producing = false;
  const d0 = Date.now();
  await Promise.all(runners);
  return { windows, drain_s: round((Date.now() - d0) / 1000), total_stored: stored };
}

async function mqttLoad(url: string, token: string, prefix: string, sampler: Sampler) {
  const stats = async () => {
    const r = await fetch(`${url}/api/wifi/ingest/stats`, { headers: { authorization: `Bearer ${token}` } });
    const m = ((await r.json()) as { mqtt: { stored: number; duplicates: number; unknown: number; rejected: number } | null }).mqtt;
    if (!m) throw new Error('the server has no MQTT ingest (MQTT_URL not set?)');
    return m;
  };
  const base = await stats();
  const client: MqttClient = await mqtt.connectAsync(MQTT_URL, {
    clientId: `bench-fleet-${process.pid}-${randomBytes(2).toString('hex')}`,
  });
  const sched = new Schedule(AIM);
  let producing = true;
  let unacked = 0;
  let sendErrors = 0;
  // One message per heartbeat, QoS 1, as each AP would publish it itself.
  const publisher = async () => {
    while (producing) {
      for (const b of sched.due()) {
        unacked++;
        client.publishAsync(`${prefix}/${fleetMac(b.n)}/telemetry`, JSON.stringify(fields(b)), { qos: 1 }).then(
          () => unacked--,
          () => {
            unacked--;
            sendErrors++;
          },
        );
      }
      await sleep(50);
    }
  };
  const pub = publisher();
  const windows: Window[] = [];
  const done = async () => {
    const s = await stats();
    return s.stored + s.duplicates + s.unknown + s.rejected - (base.stored + base.duplicates + base.unknown + base.rejected);
  };
  for (const step of plan()) {
    sched.setRate(step.rate);
    const m0 = sampler.mark();
    const p0 = sched.produced;
    const d0 = await done();
    const backlogStart = sched.produced - d0;
    await sleep(step.seconds * 1000);
    const m1 = sampler.mark();
    const d1 = await done();
    // Still to be stored: published but not yet handled by the server (at the broker, in flight or buffered).
    const backlog = sched.produced - d1;
    windows.push(windowOf(step, m0, m1, { offered: sched.produced - p0, stored: d1 - d0, backlogStart, backlog }, sampler));
    process.stdout.write(`  mqtt ${fmtWindow(windows[windows.length - 1])} (publisher unacked ${unacked})\n`);
    if (windows[windows.length - 1].behind) break;
  }
  producing = false;
  await pub;
  const total = sched.produced;
  const t0 = Date.now();
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const d = await done();
    if (d !== last) [last, lastChange] = [d, Date.now()];
    if (d >= total || Date.now() - lastChange > 10_000) break;
    await sleep(250);
  }
  await client.endAsync();
  const s = await stats();
  return {
    windows,
    drain_s: round((lastChange - t0) / 1000),
    published: total,
    publish_errors: sendErrors,
    stored: s.stored - base.stored,
    lost: total - (last < 0 ? 0 : last),
  };
}

function fmtWindow(w: Window): string {
  const c = w.cpu;
  const lat = w.ack_p50_ms !== undefined ? ` ack p50 ${w.ack_p50_ms} ms p99 ${w.ack_p99_ms} ms` : '';
  return (
    `${w.label.padEnd(8)} offered ${w.offered_per_s}/s stored ${w.stored_per_s}/s backlog ${w.backlog_end}${w.behind ? ' BEHIND' : ''}` +
    `${lat} | cpu server ${c.server_pct}% pg ${c.postgres_pct}% mosq ${c.mosquitto_pct}% gen ${c.generator_pct}% machine ${c.machine_pct}/${c.machine_cap_pct}% | µs/hb server ${c.server_us_per_hb} pg ${c.postgres_us_per_hb} | rss ${w.rss_mb} MB`
  );
}

// ---------------------------------------------------------------- analysis from the database

/** ts → stored lag percentiles (received_at is the inserting statement's now()) for heartbeats in [from, to). */
const LAG_SQL = (from: number, to: number) => `
  select count(*)::int as n,
         percentile_cont(0.5) within group (order by extract(epoch from received_at - ts)) * 1000 as p50,
         percentile_cont(0.99) within group (order by extract(epoch from received_at - ts)) * 1000 as p99
  from wifi_heartbeat where ts >= '${new Date(from).toISOString()}' and ts < '${new Date(to).toISOString()}'`;

const SIZE_SQL = `select pg_total_relation_size('wifi_heartbeat')::bigint as total, pg_relation_size('wifi_heartbeat')::bigint as heap,
  pg_indexes_size('wifi_heartbeat')::bigint as idx, (select count(*) from wifi_heartbeat)::bigint as n`;

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

async function analyse(query: Query, mqttWindows: Window[]) {
  for (const w of mqttWindows) {
    const [r] = await query(LAG_SQL(w.from_ms, w.to_ms));
    w.lag_p50_ms = r.p50 === null ? null : round(Number(r.p50));
    w.lag_p99_ms = r.p99 === null ? null : round(Number(r.p99));
  }
  const [s] = await query(SIZE_SQL);
  const n = Number(s.n);
  const perRow = n ? Number(s.total) / n : 0;
  return {
    raw_rows: n,
    raw_bytes_total: Number(s.total),
    raw_bytes_heap: Number(s.heap),
    raw_bytes_indexes: Number(s.idx),
    bytes_per_heartbeat: Math.round(perRow),
    gb_per_hour_at_aim: round((perRow * AIM * 3600) / 1e9, 2),
    gb_per_day_at_aim: round((perRow * AIM * 86_400) / 1e9, 1),
    gb_raw_window_7d_at_aim: round((perRow * AIM * 7 * 86_400) / 1e9, 0),
    note: 'heap + primary key + BRIN of wifi_heartbeat ÷ rows; a fresh table (no bloat from pruning yet)',
  };
}

/** Durations of the server's own job runs, from its debug log ("job ran" lines). */
function jobRuns(logFile: string) {
  const runs: Record<string, number[]> = {};
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"job ran"')) continue;
    try {
      const j = JSON.parse(line) as { job: string; ms: number };
      (runs[j.job] ??= []).push(j.ms);
    } catch {
      // not JSON (a stack trace line)
    }
  }
  const out: Record<string, { runs: number; ms: number[]; max_ms: number }> = {};
  for (const [k, v] of Object.entries(runs)) out[k] = { runs: v.length, ms: v, max_ms: Math.max(...v) };
  return out;
}

// ---------------------------------------------------------------- one backend

async function runBackend(backend: Backend) {
  const run = randomBytes(3).toString('hex');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wifi-fleet-'));
  const prefix = `bench-${run}/wifi`;
  const dataDir = path.join(tmp, 'data');
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    SEED_DEMO: 'false',
    MQTT_URL: VIA.includes('mqtt') ? MQTT_URL : '',
    WIFI_MQTT_TOPIC_PREFIX: prefix,
    WIFI_MQTT_SHARE_GROUP: `fleet${run}`,
    WIFI_DEMO_FEED: 'false',
    WIFI_HEARTBEAT_INTERVAL_S: String(INTERVAL_S),
    WIFI_ROLLUP_EVERY_S: String(ROLLUP_EVERY_S),
    // debug: the job runner logs each run's duration; request lines at ~20 req/s cost nothing here.
    LOG_LEVEL: 'debug',
  };
  if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) {
    fs.mkdirSync(path.join(tmp, 'web-stub'));
    fs.writeFileSync(path.join(tmp, 'web-stub/index.html'), '<!doctype html><title>stub</title>');
    env.WEB_DIST = path.join(tmp, 'web-stub');
  }
  let dbName: string | undefined;
  let admin: pg.Client | undefined;
  if (backend === 'postgres') {
    dbName = `wifi_fleet_${run}`;
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  }
  let server: { child: ChildProcess } | undefined;
  const logFile = path.join(tmp, 'server.log');
  try {
    process.stdout.write(`[${backend}] migrating (reference data only)…\n`);
    cli(env, ['migrate']);
    const email = 'bench-fleet@bench.invalid';
    cli(env, ['user', 'add', '--email', email, '--password', `Bench-${run}-Pw!`, '--role', 'admin', '--name', 'Bench fleet']);
    const token = cli(env, ['token', 'create', '--email', email]).split('\n').pop()!;
    process.stdout.write(`[${backend}] registering ${APS} APs by SQL…\n`);
    let registerS: number;
    if (backend === 'postgres') {
      const c = new pg.Client({ connectionString: env.DATABASE_URL });
      await c.connect();
      registerS = await registerFleet((s) => c.query(s));
      await c.end();
    } else {
      const db = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata'), extensions: { pg_trgm } });
      registerS = await registerFleet((s) => db.exec(s));
      await db.close();
    }
    const s = await startServer(env, logFile);
    server = s;
    const sampler = new Sampler(s.child.pid!, admin, dbName);
    sampler.start();
    const h = { authorization: `Bearer ${token}` };
    // The first evaluation after registering opens the outage alerts (~3 % of the fleet at once).
    let t = Date.now();
    const first = (await (await fetch(`${s.url}/api/wifi/health/evaluate`, { method: 'POST', headers: h })).json()) as Record<
      string,
      unknown
    >;
    const firstEval = { ms: Date.now() - t, alerts_opened: first.alerts_opened, aps_changed: first.aps_changed };
    process.stdout.write(`[${backend}] ready in ${s.readyMs} ms; first evaluation ${JSON.stringify(firstEval)}\n`);
    const result: Record<string, unknown> = {
      aps: APS,
      reporting_aps: APS - Math.ceil(APS / OUTAGE_EVERY),
      register: { how: 'SQL INSERT … SELECT generate_series (hotspots, then APs)', seconds: registerS },
      server_ready_ms: s.readyMs,
      first_evaluation: firstEval,
    };
    if (VIA.includes('http')) {
      process.stdout.write(`[${backend}] HTTP: ${GATEWAYS} gateways, one batch per second each\n`);
      result.http = await httpLoad(s.url, token, sampler);
    }
    let mq: Awaited<ReturnType<typeof mqttLoad>> | undefined;
    if (VIA.includes('mqtt')) {
      process.stdout.write(`[${backend}] MQTT: one QoS 1 message per heartbeat\n`);
      mq = await mqttLoad(s.url, token, prefix, sampler);
      result.mqtt = mq;
    }
    // A roll-up of everything the bench stored, timed from outside (the jobs' own runs are below).
    t = Date.now();
    const roll = (await (await fetch(`${s.url}/api/wifi/rollup`, { method: 'POST', headers: h })).json()) as Record<string, unknown>;
    result.final_rollup = { ms: Date.now() - t, ...roll };
    t = Date.now();
    await fetch(`${s.url}/api/wifi/health/evaluate`, { method: 'POST', headers: h });
    result.final_evaluation_ms = Date.now() - t;
    result.server_rss_max_mb = sampler.rssMax;
    sampler.stop();
    const exited = new Promise((r) => s.child.once('exit', r));
    s.child.kill('SIGINT');
    await exited;
    server = undefined;
    result.jobs = jobRuns(logFile);
    // Lag and table size are read from the database after the server stopped (PGlite admits one process).
    if (backend === 'postgres') {
      const c = new pg.Client({ connectionString: env.DATABASE_URL });
      await c.connect();
      result.storage = await analyse(async (x) => (await c.query(x)).rows, mq?.windows ?? []);
      await c.end();
    } else {
      const db = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata'), extensions: { pg_trgm } });
      result.storage = await analyse(async (x) => (await db.query<Record<string, unknown>>(x)).rows, mq?.windows ?? []);
      await db.close();
    }
    if (mq)
      for (const w of mq.windows) process.stdout.write(`  mqtt ${w.label}: ts→stored lag p50 ${w.lag_p50_ms} ms p99 ${w.lag_p99_ms} ms\n`);
    return result;
  } finally {
    if (server) {
      const exited = new Promise((r) => server!.child.once('exit', r));
      server.child.kill('SIGINT');
      await exited;
    }
    if (admin && dbName) {
      if (!process.env.BENCH_KEEP_DB) await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
    }
    if (process.env.BENCH_KEEP_LOG) fs.copyFileSync(logFile, path.join(os.tmpdir(), `wifi-fleet-${backend}-${run}.log`));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function printSummary(backend: string, r: Record<string, unknown>) {
  const rows: string[][] = [
    ['via', 'step', 'offered/s', 'stored/s', 'backlog', 'p50 ms', 'p99 ms', 'server%', 'pg%', 'gen%', 'mosq%', 'machine%'],
  ];
  for (const via of ['http', 'mqtt'] as const) {
    const x = r[via] as { windows: Window[] } | undefined;
    for (const w of x?.windows ?? [])
      rows.push([
        via,
        w.label,
        String(w.offered_per_s),
        String(w.stored_per_s),
        `${w.backlog_end}${w.behind ? ' !' : ''}`,
        String(via === 'http' ? w.ack_p50_ms : w.lag_p50_ms),
        String(via === 'http' ? w.ack_p99_ms : w.lag_p99_ms),
        String(w.cpu.server_pct),
        String(w.cpu.postgres_pct),
        String(w.cpu.generator_pct),
        String(w.cpu.mosquitto_pct),
        String(w.cpu.machine_pct),
      ]);
  }
  const width = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
  process.stdout.write(`\n${backend} — ${APS} APs, aim ${AIM}/s (p50/p99: HTTP ack, MQTT ts→stored; ! = fell behind)\n`);
  for (const row of rows) process.stdout.write(`  ${row.map((c, i) => c.padEnd(width[i])).join('  ')}\n`);
  const jobs = r.jobs as Record<string, { runs: number; ms: number[] }>;
  for (const [k, v] of Object.entries(jobs)) process.stdout.write(`  job ${k}: ${v.runs} runs, ms ${v.ms.join(', ')}\n`);
  process.stdout.write(`  storage: ${JSON.stringify(r.storage)}\n  rss max ${String(r.server_rss_max_mb)} MB\n`);
}

const machine = {
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model,
  mem_gb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  note: 'shared machine; generator, broker, PostgreSQL and server all run on the same 2 cores',
};
for (const b of (process.env.BENCH_BACKENDS ?? 'postgres,pglite').split(',') as Backend[]) {
  const r = await runBackend(b);
  printSummary(b, r);
  writeResult('wifi-fleet', b, { at: new Date().toISOString(), machine, aim_per_s: AIM, interval_s: INTERVAL_S, ...r });
}
