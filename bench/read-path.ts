// Benchmark: the public read path of the real server against a bare node:http server returning the
// same bytes from memory (the ceiling on this machine, in the same run). Also cold start (empty
// data folder, then a restart on the same folder) and the server's memory after start.
//
//   npm run bench read-path                      # PGlite in a fresh temp DATA_DIR
//   DATABASE_URL=postgres://… npm run bench read-path   # a fresh database on that server (dropped after)
//
// Results are merged into bench/results/read-path.json under the backend's name.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { dropDatabase, freePort, prepareBackend, writeResult } from './lib';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const SLICE_S = 2;
// [path, request headers]: autocannon sends no Accept-Encoding; browsers do (the br row).
const TARGETS: [string, Record<string, string>][] = [
  ['/api/wilayah/kelurahan.geojson', {}],
  ['/api/wilayah/kelurahan.geojson', { 'accept-encoding': 'br, gzip' }],
  ['/api/health', {}],
];

interface Server {
  child: ChildProcess;
  url: string;
  coldStartMs: number;
  rssMb: number;
}

/** The server's log level: `info` (the default: a log line per request) unless BENCH_LOG_LEVEL says otherwise. */
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/**
 * Spawns `smartcity serve` (what `npm start` runs) and times it to the first 200 on /api/ready. Its
 * log goes to a file, as in production, so a pipe back into this (load-generating) process does not
 * skew the figures.
 */
async function startServer(env: Record<string, string>, logFile: string): Promise<Server> {
  const t0 = performance.now();
  const port = await freePort();
  const fd = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/smartcity.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: LOG_LEVEL, WIFI_DEMO_FEED: 'false', ...env },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const out = () => fs.readFileSync(logFile, 'utf8');
  const url = `http://127.0.0.1:${port}`;
  while (true) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${out()}`);
    if (performance.now() - t0 > 120_000) throw new Error(`server not ready in 120 s:\n${out()}`);
    if (
      await fetch(`${url}/api/ready`).then(
        (r) => r.status === 200,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const coldStartMs = Math.round(performance.now() - t0);
  return { child, url, coldStartMs, rssMb: rssMb(child.pid!) };
}

async function stopServer(s: Server): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGINT');
  await exited;
}

interface Payload {
  body: Buffer;
  headers: Record<string, string>;
}

/** The exact bytes and content headers the server sends for these request headers. */
function fetchRaw(url: string, headers: Record<string, string>): Promise<Payload> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h: Record<string, string> = { 'content-type': String(res.headers['content-type']) };
          if (res.headers['content-encoding']) h['content-encoding'] = String(res.headers['content-encoding']);
          resolve({ body: Buffer.concat(chunks), headers: h });
        });
      })
      .on('error', reject);
  });
}

const keyOf = (p: string, headers: Record<string, string>) => `${p} ${headers['accept-encoding'] ?? ''}`;

interface Load {
  req_per_s: number;
  /** CPU time (user + system) the serving process spent per request: robust to a busy machine. */
  cpu_us_per_req?: number;
  p99_ms: number;
  p50_ms: number;
  non2xx: number;
  errors: number;
}

/** CPU milliseconds (user + system) a process has used so far. */
function cpuMs(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms (CLK_TCK = 100 on Linux)
}

async function load(
  url: string,
  headers: Record<string, string>,
  duration = DURATION_S,
  pid?: number,
): Promise<Load & { total: number; cpu_ms: number }> {
  const c0 = pid ? cpuMs(pid) : 0;
  const r = await autocannon({ url, connections: CONNECTIONS, duration, headers });
  const cpu = pid ? cpuMs(pid) - c0 : 0;
  return {
    req_per_s: Math.round(r.requests.average),
    p99_ms: r.latency.p99,
    p50_ms: r.latency.p50,
    non2xx: r.non2xx,
    errors: r.errors,
    total: r.requests.total,
    cpu_ms: cpu,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Server and ceiling measured in alternating slices (same total duration each): on a shared
 * machine the background load changes by the second, and back-to-back 10 s runs would compare
 * different conditions. req/s is the mean over slices, p99/p50 the median of the slices.
 */
async function compare(
  appUrl: string,
  appPid: number,
  bareUrl: string,
  barePid: number,
  headers: Record<string, string>,
): Promise<{ app: Load; ceil: Load }> {
  const slices = Math.max(1, Math.round(DURATION_S / SLICE_S));
  type L = Awaited<ReturnType<typeof load>>;
  const a: L[] = [];
  const c: L[] = [];
  for (let i = 0; i < slices; i++) {
    a.push(await load(appUrl, headers, SLICE_S, appPid));
    c.push(await load(bareUrl, headers, SLICE_S, barePid));
  }
  const agg = (xs: L[]): Load => ({
    req_per_s: Math.round(xs.reduce((s, x) => s + x.req_per_s, 0) / xs.length),
    cpu_us_per_req: Math.round(
      (xs.reduce((s, x) => s + x.cpu_ms, 0) * 1000) /
        Math.max(
          1,
          xs.reduce((s, x) => s + x.total, 0),
        ),
    ),
    p99_ms: median(xs.map((x) => x.p99_ms)),
    p50_ms: median(xs.map((x) => x.p50_ms)),
    non2xx: xs.reduce((s, x) => s + x.non2xx, 0),
    errors: xs.reduce((s, x) => s + x.errors, 0),
  });
  return { app: agg(a), ceil: agg(c) };
}

// The ceiling runs in its own process, like the server: inside this process it would share one
// event loop with autocannon and look slower than it is.
const BARE_SERVER = `
import fs from 'node:fs';
import http from 'node:http';
const manifest = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
const payloads = new Map(manifest.map((m) => [m.key, { headers: m.headers, body: fs.readFileSync(m.file) }]));
const server = http.createServer((req, res) => {
  const p = payloads.get(req.url + ' ' + (req.headers['accept-encoding'] ?? ''));
  if (!p) { res.statusCode = 404; return res.end(); }
  res.writeHead(200, { ...p.headers, 'content-length': p.body.length });
  res.end(p.body);
});
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;

/** The ceiling: node:http answering with bytes held in memory, nothing else. */
async function bare(payloads: Map<string, Payload>, dir: string): Promise<{ url: string; pid: number; close(): Promise<void> }> {
  const manifest = [...payloads].map(([key, p], i) => {
    const file = path.join(dir, `payload-${i}`);
    fs.writeFileSync(file, p.body);
    return { key, headers: p.headers, file };
  });
  const mf = path.join(dir, 'payloads.json');
  fs.writeFileSync(mf, JSON.stringify(manifest));
  const child = spawn(process.execPath, ['--input-type=module', '-e', BARE_SERVER, mf], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const { backend, base, dbName, dataDir, env } = await prepareBackend('bench');

  const result: Record<string, unknown> = {
    backend,
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadavg_at_start: os.loadavg().map((x) => Math.round(x * 10) / 10),
    server_log_level: LOG_LEVEL,
    connections: CONNECTIONS,
    duration_s: DURATION_S,
    ratio: 'server req/s ÷ bare node:http req/s; cpu_efficiency_ratio: bare CPU per request ÷ server CPU per request',
    method: `autocannon, ${DURATION_S} s per side in alternating ${SLICE_S} s slices (server, bare, server, …) after a 2 s warm-up`,
  };
  let server: Server | undefined;
  let ceiling: Awaited<ReturnType<typeof bare>> | undefined;
  try {
    console.log(`backend: ${backend}; cold start on an empty ${base ? 'database' : 'DATA_DIR'}…`);
    server = await startServer(env, path.join(dataDir, 'server.log'));
    const first = { cold_start_ms: server.coldStartMs, rss_mb_after_start: server.rssMb };
    console.log(`  first start (migrate + seed): ${first.cold_start_ms} ms, RSS ${first.rss_mb_after_start} MB`);

    const payloads = new Map<string, Payload>();
    for (const [t, h] of TARGETS) payloads.set(keyOf(t, h), await fetchRaw(server.url + t, h));
    ceiling = await bare(payloads, dataDir);

    const rows: Record<string, unknown>[] = [];
    for (const [t, h] of TARGETS) {
      await load(server.url + t, h, 2); // warm-up (JIT, caches), not reported
      const { app, ceil } = await compare(server.url + t, server.child.pid!, ceiling.url + t, ceiling.pid, h);
      const ratio = Math.round((app.req_per_s / ceil.req_per_s) * 100) / 100;
      const cpuRatio = Math.round((ceil.cpu_us_per_req! / Math.max(1, app.cpu_us_per_req!)) * 100) / 100;
      const p = payloads.get(keyOf(t, h))!;
      const row = {
        path: t,
        request_headers: h,
        content_encoding: p.headers['content-encoding'] ?? null,
        bytes: p.body.length,
        server: app,
        bare_node_http: ceil,
        ratio,
        cpu_efficiency_ratio: cpuRatio,
      };
      rows.push(row);
      console.log(
        `  GET ${t}${h['accept-encoding'] ? ` [${p.headers['content-encoding']}]` : ''} (${row.bytes} B): server ${app.req_per_s} req/s p99 ${app.p99_ms} ms ${app.cpu_us_per_req} µs CPU/req | bare node:http ${ceil.req_per_s} req/s p99 ${ceil.p99_ms} ms ${ceil.cpu_us_per_req} µs CPU/req | ratio ${ratio} (CPU ${cpuRatio})` +
          (app.non2xx || app.errors ? ` | non-2xx ${app.non2xx} errors ${app.errors}` : ''),
      );
    }
    result.read_path = rows;
    result.rss_mb_after_load = rssMb(server.child.pid!);
    await ceiling.close();
    ceiling = undefined;
    await stopServer(server);
    server = undefined;

    server = await startServer(env, path.join(dataDir, 'server.log'));
    const second = { cold_start_ms: server.coldStartMs, rss_mb_after_start: server.rssMb };
    console.log(`  restart on the same data: ${second.cold_start_ms} ms, RSS ${second.rss_mb_after_start} MB`);
    const lh = path.join(ROOT, 'scripts/lighthouse.mjs');
    if (env.WEB_DIST) {
      result.lighthouse = { skipped: 'no web build (web/dist) to audit' };
    } else if (fs.existsSync(lh)) {
      console.log('  running scripts/lighthouse.mjs against this server…');
      const r = spawnSync(process.execPath, [lh, '--url', `${server.url}/`], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
      const file = path.join(ROOT, 'bench/results/lighthouse.json');
      result.lighthouse =
        r.status === 0 && fs.existsSync(file)
          ? JSON.parse(fs.readFileSync(file, 'utf8'))
          : { error: `scripts/lighthouse.mjs exited ${r.status}` };
    } else {
      result.lighthouse = { skipped: 'scripts/lighthouse.mjs not present' };
    }
    await stopServer(server);
    server = undefined;
    result.cold_start = { first_run_empty: first, restart_same_data: second };

    const lhm = (result.lighthouse as { median?: Record<string, number> }).median;
    console.log(`  lighthouse: ${lhm ? `performance ${lhm.performance} (mobile, median)` : JSON.stringify(result.lighthouse)}`);
  } finally {
    await ceiling?.close();
    if (server) await stopServer(server).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (base && dbName) {
      await dropDatabase(base, dbName);
    }
  }
  writeResult('read-path', backend, result);
}

await main();
