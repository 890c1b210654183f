// Benchmark: the covid public read path. With the demo series seeded (924 RW × 730 days), the real
// server (`smartcity serve`) answers /api/covid/summary and /api/covid/map at 100 connections,
// against a bare node:http server sending the same bytes (the ceiling on this machine, same run);
// then the time from POST …/verify to the new figure visible in GET /api/covid/summary.
//
//   node --import tsx bench/covid-read.ts                         # PGlite, fresh temp DATA_DIR
//   DATABASE_URL=postgres://… node --import tsx bench/covid-read.ts   # fresh database, dropped after
//
// Results are merged into bench/results/covid-read.json under the backend's name.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { dropDatabase, prepareBackend, writeResult } from './lib';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const KEL = '32.76.01.1006';
const RW = '32.76.01.1006/001'; // the demo petugas_rw's RW
// /api/health is a reference row: the framework floor of this server for a tiny response.
const TARGETS = [`/api/covid/summary?level=kelurahan&code=${KEL}`, '/api/covid/map?level=kelurahan', '/api/health'];
const PASSWORD = 'Depok2026!';

async function startServer(env: Record<string, string>, logFile: string): Promise<{ child: ChildProcess; url: string; startMs: number }> {
  const t0 = performance.now();
  const fd = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/smartcity.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', SEED_DEMO: 'true', WIFI_DEMO_FEED: 'false', ...env },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const out = () => fs.readFileSync(logFile, 'utf8');
  let url = '';
  while (true) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${out()}`);
    if (performance.now() - t0 > 300_000) throw new Error(`server not ready in 300 s:\n${out()}`);
    url ||= /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out())?.[1] ?? '';
    if (
      url &&
      (await fetch(`${url}/api/ready`).then(
        (r) => r.status === 200,
        () => false,
      ))
    )
      break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, url, startMs: Math.round(performance.now() - t0) };
}

function seedMs(logFile: string): number | null {
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    try {
      const j = JSON.parse(line) as { step?: string; ms?: number };
      if (j.step === 'covid.demo-series') return j.ms ?? null;
    } catch {
      // not a JSON log line
    }
  }
  return null;
}

async function load(url: string) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  return { req_per_s: Math.round(r.requests.average), p99_ms: r.latency.p99, p50_ms: r.latency.p50, non2xx: r.non2xx, errors: r.errors };
}

async function login(url: string, email: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrf_token } = (await res.json()) as { csrf_token: string };
  return { cookie, 'x-csrf-token': csrf_token, 'content-type': 'application/json' };
}

async function activeOf(url: string): Promise<number> {
  const s = (await (await fetch(`${url}/api/covid/summary?level=kelurahan&code=${KEL}`)).json()) as {
    cards: { id: string; value: number }[];
  };
  return s.cards.find((c) => c.id === 'active')!.value;
}

/** POST verify → poll the public summary until the new kelurahan figure shows; ms per round. */
async function verifyToPublic(url: string, rounds = 5): Promise<number[]> {
  const rw = await login(url, 'petugas_rw@demo.depok.go.id');
  const pkm = await login(url, 'puskesmas@demo.depok.go.id');
  const latest = ((await (await fetch(`${url}/api/covid/summary`)).json()) as { date: string }).date;
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const before = await activeOf(url);
    const rwSummary = (await (
      await fetch(`${url}/api/covid/summary?level=rw&code=${encodeURIComponent(RW)}&date=${latest}`, { headers: { cookie: rw.cookie } })
    ).json()) as { cards: { id: string; value: number }[] };
    const rwActive = rwSummary.cards.find((c) => c.id === 'active')!.value;
    const next = rwActive + 3 + i; // a different figure every round
    const body = {
      rw_code: RW,
      date: latest,
      konfirmasi: { isolasi_mandiri: next, dirawat: 0, selesai: 100 + i, meninggal: 1 },
      submit: true,
    };
    const rep = await fetch(`${url}/api/covid/reports`, { method: 'POST', headers: rw, body: JSON.stringify(body) });
    if (rep.status >= 300) throw new Error(`report: ${rep.status} ${await rep.text()}`);
    const { id } = (await rep.json()) as { id: string };
    const expected = before - rwActive + next;
    const t0 = performance.now();
    const v = await fetch(`${url}/api/covid/reports/${id}/verify`, { method: 'POST', headers: pkm, body: '{}' });
    if (v.status !== 200) throw new Error(`verify: ${v.status} ${await v.text()}`);
    while ((await activeOf(url)) !== expected) {
      if (performance.now() - t0 > 10_000) throw new Error('the verified figure did not appear within 10 s');
    }
    out.push(Math.round((performance.now() - t0) * 10) / 10);
  }
  return out;
}

async function main(): Promise<void> {
  const { backend, base, dbName, dataDir, env } = await prepareBackend('covidbench');
  const result: Record<string, unknown> = {
    backend,
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    connections: CONNECTIONS,
    duration_s: DURATION_S,
    seeded: '924 RW x 730 days (demo series)',
  };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let ceiling: http.Server | undefined;
  const logFile = path.join(dataDir, 'server.log');
  try {
    console.log(`backend: ${backend}; first start (migrate + seed incl. the covid demo series)…`);
    server = await startServer(env, logFile);
    result.first_start_ms = server.startMs;
    result.covid_demo_seed_ms = seedMs(logFile);
    console.log(`  first start ${server.startMs} ms; covid demo seed ${String(result.covid_demo_seed_ms)} ms`);

    const bodies = new Map<string, Buffer>();
    for (const t of TARGETS) bodies.set(t, Buffer.from(await (await fetch(server.url + t)).arrayBuffer()));
    ceiling = http.createServer((req, res) => {
      const b = bodies.get(req.url ?? '');
      if (!b) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': b.length }).end(b);
    });
    await new Promise<void>((r) => ceiling!.listen(0, '127.0.0.1', r));
    const ceilUrl = `http://127.0.0.1:${(ceiling.address() as { port: number }).port}`;

    const rows: Record<string, unknown>[] = [];
    for (const t of TARGETS) {
      await autocannon({ url: server.url + t, connections: CONNECTIONS, duration: 2 }); // warm-up
      const app = await load(server.url + t);
      const ceil = await load(ceilUrl + t);
      const ratio = Math.round((app.req_per_s / ceil.req_per_s) * 100) / 100;
      rows.push({ path: t, bytes: bodies.get(t)!.length, server: app, bare_node_http: ceil, ratio });
      console.log(
        `  GET ${t} (${bodies.get(t)!.length} B): server ${app.req_per_s} req/s p99 ${app.p99_ms} ms | bare ${ceil.req_per_s} req/s p99 ${ceil.p99_ms} ms | ratio ${ratio}${app.non2xx || app.errors ? ` | non-2xx ${app.non2xx} errors ${app.errors}` : ''}`,
      );
    }
    result.read_path = rows;

    const v = await verifyToPublic(server.url);
    const sorted = [...v].sort((a, b) => a - b);
    result.verify_to_public_ms = { rounds: v, median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
    console.log(`  verify → public summary: ${v.join(', ')} ms (median ${sorted[Math.floor(sorted.length / 2)]})`);
  } finally {
    await new Promise<void>((r) => (ceiling ? ceiling.close(() => r()) : r()));
    if (server) {
      const exited = new Promise((r) => server!.child.once('exit', r));
      server.child.kill('SIGINT');
      await exited;
    }
    // The log may be flushed only at exit; read the seed time again if it was not there yet.
    if (fs.existsSync(logFile)) result.covid_demo_seed_ms ??= seedMs(logFile);
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (base && dbName) {
      await dropDatabase(base, dbName);
    }
  }
  writeResult('covid-read', backend, result);
}

await main();
