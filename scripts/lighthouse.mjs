#!/usr/bin/env node
// Lighthouse (mobile preset: Moto G Power viewport, simulated slow 4G, 4× CPU slowdown) against the
// home page of a running server, with Debian's Chromium. Prints the scores and the initial JS of
// the page (gzipped, from the built files), and writes bench/results/lighthouse.json.
//
//   npm run lighthouse                      # starts its own server (fresh temp data folder) on a free port
//   npm run lighthouse -- --url http://localhost:3000/   # measures a server that is already running
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const args = process.argv.slice(2);
const urlArg = args.includes('--url') ? args[args.indexOf('--url') + 1] : undefined;
const chromePath = process.env.CHROME_PATH || process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Initial JS of the home page: the entry script and the chunks index.html preloads, gzipped. */
function initialJs(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const sizes = files.map((f) => {
    const buf = fs.readFileSync(path.join(dist, f));
    return { file: f, bytes: buf.length, gzip_bytes: zlib.gzipSync(buf, { level: 9 }).length };
  });
  return {
    files: sizes,
    total_bytes: sizes.reduce((s, x) => s + x.bytes, 0),
    total_gzip_bytes: sizes.reduce((s, x) => s + x.gzip_bytes, 0),
  };
}

async function startServer(webDist) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartcity-lh-'));
  const child = spawn(process.execPath, ['bin/smartcity.js', 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', WEB_DIST: webDist },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in 120 s:\n${out.slice(-3000)}`)), 120_000);
    const on = (b) => {
      out += b;
      const m = /ready at (http:\/\/[^\s"]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.once('exit', (c) => reject(new Error(`server exited (${c}):\n${out.slice(-3000)}`)));
  });
  return {
    url: `${url}/`,
    async stop() {
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Measure a build of our own (a production build in a temp folder), so a concurrent rebuild of
// web/dist cannot swap the hashed files under the server while Lighthouse loads them.
let webDist = path.join(root, 'web', 'dist');
if (!urlArg) {
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'smartcity-lh-web-'));
  const b = spawnSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--config',
      'web/vite.config.ts',
      '--outDir',
      webDist,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { stdio: 'inherit' },
  );
  if (b.status !== 0) throw new Error('the web build failed');
}
const server = urlArg ? null : await startServer(webDist);
const url = urlArg ?? server.url;

// Every file the page starts with must load, or the scores would describe a broken page.
{
  const html = await (await fetch(url)).text();
  for (const [, f] of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
    const r = await fetch(new URL(f, url));
    if (!r.ok) throw new Error(`${f} answers ${r.status}: the server's index.html and its assets do not match (rebuilt while running?)`);
  }
}
let chrome;
try {
  chrome = await chromeLauncher.launch({ chromePath, chromeFlags: FLAGS });
  const runs = [];
  // Median of RUNS (default 5): single Lighthouse runs on a shared 2-core machine are noisy.
  const RUNS = Number(process.env.LIGHTHOUSE_RUNS || 5);
  for (let i = 0; i < RUNS; i++) {
    const r = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    const lhr = r.lhr;
    if (lhr.runtimeError) {
      console.log(`  run ${i + 1}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
      continue;
    }
    runs.push({
      performance: lhr.categories.performance.score,
      accessibility: lhr.categories.accessibility.score,
      best_practices: lhr.categories['best-practices'].score,
      fcp_ms: Math.round(lhr.audits['first-contentful-paint'].numericValue ?? NaN),
      lcp_ms: Math.round(lhr.audits['largest-contentful-paint'].numericValue ?? NaN),
      tbt_ms: Math.round(lhr.audits['total-blocking-time'].numericValue ?? NaN),
      cls: Number((lhr.audits['cumulative-layout-shift'].numericValue ?? NaN).toFixed(3)),
      speed_index_ms: Math.round(lhr.audits['speed-index'].numericValue ?? NaN),
      form_factor: lhr.configSettings.formFactor,
      throttling: lhr.configSettings.throttlingMethod,
      failed_audits: Object.values(lhr.audits)
        .filter(
          (a) =>
            a.score !== null &&
            a.score < 0.9 &&
            a.scoreDisplayMode !== 'informative' &&
            a.scoreDisplayMode !== 'notApplicable' &&
            a.scoreDisplayMode !== 'manual',
        )
        .map((a) => a.id),
    });
  }
  if (!runs.length) throw new Error('every Lighthouse run failed (see above)');
  const median = [...runs].sort((a, b) => a.performance - b.performance)[Math.floor(runs.length / 2)];
  const js = initialJs(webDist);
  const result = {
    name: 'lighthouse',
    url,
    date: new Date().toISOString(),
    lighthouse: '12.2.3',
    preset: 'mobile (default config)',
    median,
    runs,
    initial_js: js,
    budget_gzip_bytes: 200 * 1024,
  };
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', 'results', 'lighthouse.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Lighthouse (mobile) ${url}`);
  console.log(
    `  performance ${median.performance} · accessibility ${median.accessibility} · best practices ${median.best_practices} (median of ${runs.length}: ${runs.map((r) => r.performance).join(', ')})`,
  );
  console.log(
    `  FCP ${median.fcp_ms} ms · LCP ${median.lcp_ms} ms · TBT ${median.tbt_ms} ms · CLS ${median.cls} · SI ${median.speed_index_ms} ms`,
  );
  if (median.failed_audits.length) console.log(`  audits below 0.9: ${median.failed_audits.join(', ')}`);
  console.log(
    `  initial JS ${(js.total_gzip_bytes / 1024).toFixed(1)} KB gzipped (${(js.total_bytes / 1024).toFixed(1)} KB raw; budget 200 KB) — ${js.files.map((f) => f.file).join(', ')}`,
  );
  console.log('  wrote bench/results/lighthouse.json');
} finally {
  await chrome?.kill();
  await server?.stop();
  if (!urlArg) fs.rmSync(webDist, { recursive: true, force: true });
}
