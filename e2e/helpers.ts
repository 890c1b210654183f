// Browser-test helpers: each e2e file starts the real server (`node bin/smartcity.js serve`, as
// `npm start` does) on a free port with a database of its own, and drives headless Chromium
// (Debian's package) through playwright-core. Reuse these in every e2e/*.test.ts:
//
//   let e: E2E;
//   before(async () => (e = await startE2E()));
//   after(() => e?.close());
//   test('…', async () => { const page = await e.newPage(); await page.goto('/'); … });
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase } from '../test/helpers';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const SCREENSHOT_DIR = path.join(root, 'e2e', 'screenshots');

export const DEMO_PASSWORD = 'Depok2026!';
export const demoEmail = (role: string) => `${role}@demo.depok.go.id`;

export const MOBILE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export interface E2EServer {
  url: string;
  /** Everything the server printed so far (for failure messages). */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * Starts `smartcity serve` on a free port. PGlite: a fresh temporary DATA_DIR (migrated and seeded,
 * demo data included, on first start: a few seconds). PostgreSQL (DATABASE_URL set): a database of
 * its own copied from the run's template, dropped on stop.
 */
export async function startServer(env: Record<string, string> = {}): Promise<E2EServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartcity-e2e-'));
  let dropDb: (() => Promise<void>) | undefined;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
    ...env,
  };
  if (process.env.DATABASE_URL && !env.DATABASE_URL) {
    const db = await createTestDatabase();
    await db.database.close();
    dropDb = db.drop;
    childEnv.DATABASE_URL = db.url;
  }
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/smartcity.js'), 'serve'], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not become ready in 90 s:\n${out.slice(-4000)}`)), 90_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /ready at (http:\/\/[^\s"]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}) before it was ready:\n${out.slice(-4000)}`));
    });
  });

  let stopping: Promise<void> | undefined;
  return {
    url,
    logs: () => out,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(t);
        }
        await dropDb?.().catch(() => undefined);
        fs.rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

/** Headless Chromium from Debian (CHROMIUM_PATH overrides /usr/bin/chromium); no network beyond localhost needed. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const pageErrorLog = new WeakMap<Page, string[]>();

/** Uncaught errors and console errors the page produced (assert it is empty at the end of a test). */
export function pageErrors(page: Page): string[] {
  return pageErrorLog.get(page) ?? [];
}

/**
 * Waits until a browser-side expression is truthy. Playwright's waitForFunction re-evaluates a string
 * predicate with eval() on every animation frame, which our Content-Security-Policy (script-src 'self',
 * no 'unsafe-eval') rightly blocks once the first check fails; page.evaluate runs through the DevTools
 * protocol, which CSP allows, so we poll from Node instead.
 */
export async function waitForExpr(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** Start with this UI language in localStorage ('id' is the app's default). */
  lang?: 'id' | 'en';
}

/** A page in a fresh context (own cookies and storage) with baseURL set; phone-sized by default. */
export async function newPage(browser: Browser, baseURL: string, opts: PageOptions = {}): Promise<Page> {
  const viewport = opts.viewport ?? MOBILE;
  const mobile = viewport.width < 600;
  const context: BrowserContext = await browser.newContext({
    baseURL,
    viewport,
    isMobile: mobile,
    hasTouch: mobile,
    deviceScaleFactor: 1,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  // Only when nothing is stored yet, so a test that switches language keeps its choice across reloads.
  if (opts.lang)
    await context.addInitScript(
      `try { if (!localStorage.getItem('sc.lang')) localStorage.setItem('sc.lang', ${JSON.stringify(opts.lang)}) } catch {}`,
    );
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  pageErrorLog.set(page, errors);
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Failed requests the test provokes on purpose (wrong password → 401) are logged by Chromium too.
    if (m.type() === 'error' && !/status of (401|403|404|409|429)/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return page;
}

/** Signs in through the sign-in page and waits for the account page. */
export async function login(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto('/masuk');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(/\/akun$/);
}

/** Saves a PNG into e2e/screenshots/<name>.png (gitignored) and returns its path. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}

/**
 * A viewport point inside the SVG path matching `selector` where that path is the topmost element,
 * so a real mouse/touch click lands on it (the centre of a concave polygon's box may not).
 */
export async function pointInside(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el) return null;
    const r = el.getBoundingClientRect();
    for (let i = 2; i <= 16; i *= 2)
      for (let a = 1; a < i; a += 2)
        for (let b = 1; b < i; b += 2) {
          const x = r.left + (r.width * a) / i, y = r.top + (r.height * b) / i;
          if (document.elementFromPoint(x, y) === el) return { x, y };
        }
    return null;
  })()`);
  if (!p) throw new Error(`no clickable point inside ${selector}`);
  return p as { x: number; y: number };
}

export interface E2E {
  server: E2EServer;
  browser: Browser;
  url: string;
  newPage(opts?: PageOptions): Promise<Page>;
  close(): Promise<void>;
}

/** Server + browser for one test file; close() in after() stops both (SIGTERM to the server). */
export async function startE2E(env: Record<string, string> = {}): Promise<E2E> {
  const server = await startServer(env);
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    server,
    browser,
    url: server.url,
    newPage: (opts) => newPage(browser, server.url, opts),
    async close() {
      await browser.close().catch(() => undefined);
      await server.stop();
    },
  };
}
