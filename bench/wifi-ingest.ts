// Benchmark: Wifi telemetry ingestion on one real server process (`smartcity serve`), PGlite and
// PostgreSQL: sustained heartbeats/s over HTTP batches (several concurrent senders) and over MQTT,
// ack latency, and the time from an AP going silent to its alert being visible through the API.
//
//   node --import tsx bench/wifi-ingest.ts            # PGlite, then PostgreSQL if reachable
//   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_BACKENDS=postgres node --import tsx bench/wifi-ingest.ts
//
// Writes bench/results/wifi-ingest.json. The aim (100,000 APs at one heartbeat per 30 s = 3,334/s)
// is reported against, not asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import pg from 'pg';
import { cli, freePort } from './lib';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_S ?? 15);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 4);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const MQTT_RATE = Number(process.env.BENCH_MQTT_RATE ?? 4000);
const MQTT_SECONDS = Number(process.env.BENCH_MQTT_S ?? 10);
const MQTT_URL = process.env.BENCH_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AIM = 3334;
const APS = 1834;

function demoMac(n: number): string {
  return ['02', 'de', '0c', (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]
    .map((x) => (typeof x === 'string' ? x : x.toString(16).padStart(2, '0')))
    .join(':');
}

const q = (sorted: number[], p: number) =>
  sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10 : null;

async function startServer(env: Record<string, string>, logFile: string): Promise<{ child: ChildProcess; url: string }> {
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  const fd = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/smartcity.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info', ...env },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${fs.readFileSync(logFile, 'utf8')}`);
    if (Date.now() - t0 > 180_000) throw new Error('server not ready in 180 s');
    if (
      await fetch(`${url}/api/ready`).then(
        (r) => r.status === 200,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url };
}

/** HTTP: SENDERS loops, each owning a slice of the APs (as controllers do), posting BATCH items per request. */
async function httpPhase(url: string, token: string) {
  const lat: number[] = [];
  let stored = 0;
  let errors = 0;
  const end = Date.now() + HTTP_SECONDS * 1000;
  const t0 = Date.now();
  const base = Date.now() - 240_000; // keep every ts in the past and unique per round
  const sender = async (s: number) => {
    const mine = Array.from({ length: APS }, (_, i) => i + 1).filter((i) => i % SENDERS === s);
    let round = 0;
    let k = 0;
    while (Date.now() < end) {
      const batch = [];
      for (let b = 0; b < BATCH; b++) {
        if (k >= mine.length) {
          k = 0;
          round++;
        }
        const n = mine[k++];
        batch.push({
          mac: demoMac(n),
          ts: new Date(base + round * 10).toISOString(),
          clients: n % 17,
          rx_bytes: 123_456,
          tx_bytes: 23_456,
          uptime_s: 1000 + round,
          rtt_ms: 15,
          signal_dbm: -60,
        });
      }
      const t = performance.now();
      const res = await fetch(`${url}/api/wifi/telemetry`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(batch),
      });
      lat.push(performance.now() - t);
      if (!res.ok) {
        errors++;
        await res.text();
        continue;
      }
      stored += ((await res.json()) as { stored: number }).stored;
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, (_, s) => sender(s)));
  const secs = (Date.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return {
    senders: SENDERS,
    batch: BATCH,
    seconds: Math.round(secs * 10) / 10,
    heartbeats_stored: stored,
    heartbeats_per_s: Math.round(stored / secs),
    requests: lat.length,
    errors,
    ack_p50_ms: q(lat, 0.5),
    ack_p99_ms: q(lat, 0.99),
  };
}

/** MQTT: publish QoS 1 at a paced rate (a real fleet spreads its heartbeats), then time until the server has stored them. */
async function mqttPhase(url: string, token: string, prefix: string) {
  const stats = async () =>
    (
      (await (await fetch(`${url}/api/wifi/ingest/stats`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        mqtt: { received: number; stored: number; duplicates: number; unknown: number; rejected: number } | null;
      }
    ).mqtt!;
  const before = await stats();
  const client = await mqtt.connectAsync(MQTT_URL, { clientId: `bench-wifi-${process.pid}` });
  const base = Date.now() - 200_000;
  const total = MQTT_RATE * MQTT_SECONDS;
  const perTick = Math.ceil(MQTT_RATE / 20);
  const t0 = Date.now();
  let i = 0;
  while (i < total) {
    const tickEnd = t0 + ((i + perTick) / MQTT_RATE) * 1000;
    const pending: Promise<unknown>[] = [];
    for (let k = 0; k < perTick && i < total; k++, i++) {
      const n = (i % APS) + 1;
      const round = Math.floor(i / APS);
      pending.push(
        client.publishAsync(
          `${prefix}/${demoMac(n)}/telemetry`,
          JSON.stringify({
            ts: new Date(base + round * 10 + 5).toISOString(),
            clients: n % 9,
            rx_bytes: 1000,
            tx_bytes: 100,
            uptime_s: round,
          }),
          { qos: 1 },
        ),
      );
    }
    await Promise.all(pending);
    const wait = tickEnd - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  const publishS = (Date.now() - t0) / 1000;
  let s = before;
  let lastChange = Date.now();
  let prev = -1;
  for (;;) {
    s = await stats();
    const done = s.stored + s.duplicates + s.unknown + s.rejected - (before.stored + before.duplicates + before.unknown + before.rejected);
    if (done !== prev) [prev, lastChange] = [done, Date.now()];
    if (done >= total || Date.now() - lastChange > 3000) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const secs = (lastChange - t0) / 1000;
  await client.endAsync();
  const stored = s.stored - before.stored;
  return {
    offered_per_s: MQTT_RATE,
    messages: total,
    qos: 1,
    publish_seconds: Math.round(publishS * 10) / 10,
    seconds_until_stored: Math.round(secs * 10) / 10,
    received: s.received - before.received,
    stored,
    lost: total - stored,
    heartbeats_per_s: Math.round(stored / secs),
  };
}

/** Silence → alert: rules shortened to 30 s and the job to every 5 s; one AP reports then stops. */
async function silencePhase(url: string, token: string) {
  const h = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const rules = {
    no_heartbeat_problem_s: 30,
    no_heartbeat_critical_s: 600,
    zero_clients_s: 10_800,
    active_from_hour: 7,
    active_to_hour: 21,
  };
  await fetch(`${url}/api/wifi/health/rules`, { method: 'PUT', headers: h, body: JSON.stringify(rules) });
  const mac = demoMac(APS); // the last AP: HTTP phase rounds leave it with an old ts at most
  const last = new Date();
  await fetch(`${url}/api/wifi/telemetry`, {
    method: 'POST',
    headers: h,
    body: JSON.stringify([{ mac, ts: last.toISOString(), clients: 3, rx_bytes: 1, tx_bytes: 1, uptime_s: 1 }]),
  });
  for (;;) {
    const res = await fetch(`${url}/api/wifi/alerts?status=open&mac=${mac}`, { headers: h });
    const body = (await res.json()) as { items: { started_at: string }[] };
    if (body.items.length && Date.parse(body.items[0].started_at) >= last.getTime()) {
      const seen = Date.now();
      return {
        tolerance_s: 30,
        evaluate_every_s: 5,
        silence_to_alert_visible_s: Math.round((seen - last.getTime()) / 100) / 10,
        over_tolerance_s: Math.round((seen - last.getTime() - 30_000) / 100) / 10,
        note: 'with defaults (5 min tolerance, job every 60 s) expect 300 s + up to 60 s + the same overhead',
      };
    }
    if (Date.now() - last.getTime() > 120_000) return { error: 'no alert within 120 s' };
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function runBackend(backend: 'pglite' | 'postgres') {
  const run = randomBytes(3).toString('hex');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wifi-bench-'));
  const prefix = `bench-${run}/wifi`;
  const env: Record<string, string> = {
    DATA_DIR: path.join(tmp, 'data'),
    MQTT_URL,
    WIFI_MQTT_TOPIC_PREFIX: prefix,
    WIFI_MQTT_SHARE_GROUP: `b${run}`,
    WIFI_EVALUATE_EVERY_S: '5',
    DATABASE_URL: '',
  };
  let dbName: string | undefined;
  if (backend === 'postgres') {
    dbName = `wifi_bench_${run}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  }
  let server: { child: ChildProcess } | undefined;
  try {
    process.stdout.write(`[${backend}] migrating + seeding…\n`);
    cli(env, ['migrate']);
    const token = cli(env, ['token', 'create', '--email', 'admin@demo.depok.go.id', '--name', 'bench']).split('\n').pop()!;
    const s = await startServer(env, path.join(tmp, 'server.log'));
    server = s;
    process.stdout.write(`[${backend}] HTTP ${SENDERS} senders × ${BATCH}/batch for ${HTTP_SECONDS}s…\n`);
    const http = await httpPhase(s.url, token);
    process.stdout.write(`[${backend}] ${JSON.stringify(http)}\n[${backend}] MQTT ${MQTT_RATE}/s for ${MQTT_SECONDS}s…\n`);
    const mq = await mqttPhase(s.url, token, prefix);
    process.stdout.write(`[${backend}] ${JSON.stringify(mq)}\n[${backend}] silence → alert…\n`);
    const silence = await silencePhase(s.url, token);
    process.stdout.write(`[${backend}] ${JSON.stringify(silence)}\n`);
    return { http, mqtt: mq, silence };
  } finally {
    if (server) {
      const exited = new Promise((r) => server!.child.once('exit', r));
      server.child.kill('SIGINT');
      await exited;
    }
    if (dbName) {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const backends = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const out: Record<string, unknown> = {
  at: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    mem_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    note: 'shared CI machine; other work may run at the same time',
  },
  aim_heartbeats_per_s: AIM,
  fleet: `${APS} demo APs (each batch item a distinct AP+ts)`,
};
for (const b of backends) out[b] = await runBackend(b);
fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench/results/wifi-ingest.json'), `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`\nwritten bench/results/wifi-ingest.json\n`);
