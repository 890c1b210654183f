// Wifi Depok Bersahabat in a real browser: a resident finds Wi-Fi on the map and the nearest points
// from a geolocated and from a picked point; an operator watches an outage arrive on the operations
// page without reloading (telemetry pushed with a wifi_fleet token, then the health evaluation run
// through the admin endpoint — the job would do the same within a minute).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD, DESKTOP, demoEmail, login, pageErrors, screenshot, startE2E, type E2E, waitForExpr } from './helpers';

const DEPOK = { latitude: -6.4, longitude: 106.82 };
const MAC = '02:de:0c:00:00:05'; // the demo AP of hotspot 5 (Kantor Kelurahan Pondok Cina)
const STRAY = '02:ff:00:00:00:01'; // in no registry: listed for the operator, not dropped

interface Session {
  cookie: string;
  csrf: string;
}

async function apiLogin(url: string, role: string): Promise<Session> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: demoEmail(role), password: DEMO_PASSWORD }),
  });
  assert.equal(r.status, 200, `login as ${role}`);
  const body = (await r.json()) as { csrf_token: string };
  return { cookie: r.headers.get('set-cookie')!.split(';')[0], csrf: body.csrf_token };
}

async function apiPost(url: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
  if (body === undefined) return fetch(`${url}${path}`, { method: 'POST', headers });
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

// The server serves a build of its own: web/dist is rebuilt by every e2e run, and a run started
// meanwhile replaces the hashed files the server's index.html points at.
function buildWeb(): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'smartcity-wifi-web-'));
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'],
    { stdio: 'inherit' },
  );
  return out;
}

describe('wifi pages', () => {
  let e: E2E;
  let web: string;
  before(async () => {
    // scripts/test.mjs builds one copy per run into WEB_DIST; build our own only when run otherwise.
    web = process.env.WEB_DIST ?? buildWeb();
    e = await startE2E({ WEB_DIST: web });
  });
  after(async () => {
    await e?.close();
    if (web && web !== process.env.WEB_DIST) fs.rmSync(web, { recursive: true, force: true });
  });

  test('a resident opens the map: clusters of all 1,834 points, search by kelurahan/RW, details of a point', async () => {
    const page = await e.newPage();
    await page.goto('/wifi');
    await page.locator('h1', { hasText: 'Wi-Fi publik gratis' }).waitFor();
    await page.locator('.wifi-cl').first().waitFor();
    assert.ok((await page.locator('.wifi-cl').count()) >= 3, 'the city view shows clusters, not 1,834 markers');
    assert.match(await page.locator('.chip-all .chip-n').innerText(), /^1\.834$/);
    assert.match(await page.locator('.wifi-map-status').innerText(), /1\.834 dari 1\.834 titik/);
    await page.locator('.wifi-demo').waitFor(); // demo data is labelled
    await screenshot(page, 'wifi-map-mobile');

    // Search: kelurahan Depok, then one RW; the map zooms there and the points are listed.
    await page.locator('#wifi-kel').selectOption('32.76.01.1006');
    const results = page.locator('.wifi-results li');
    await results.first().waitFor();
    const inKel = await results.count();
    assert.ok(inKel >= 2, `kelurahan Depok has points (${inKel})`);
    const rwValue = await page.locator('#wifi-rw option').nth(1).getAttribute('value');
    await page.locator('#wifi-rw').selectOption(rwValue);
    assert.match(await page.locator('#wifi-results-title').innerText(), new RegExp(`Depok RW ${rwValue!.split('/')[1]}`));
    assert.ok((await results.count()) < inKel);

    // Tapping a result opens its details: SSID, hours, category, state, demo label.
    await results.first().locator('button').click();
    const panel = page.locator('.wifi-panel');
    await panel.locator('.wifi-ssid').waitFor();
    assert.equal(await panel.locator('.wifi-ssid').innerText(), 'WifiDepokBersahabat');
    assert.match(await panel.innerText(), /Jam layanan/);
    assert.match(await panel.innerText(), /Jenis tempat/);
    assert.match(await panel.locator('.wifi-panel-state').innerText(), /Belum ada data/); // nothing has reported yet
    await panel.locator('.badge-demo').waitFor();
    // The point itself is drawn on the map (zoomed in, no longer clustered) and highlighted.
    await page.locator('.wifi-pt.wifi-pt-sel').waitFor();
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'wifi-detail-mobile');

    // Filters: nothing is down yet.
    await page.locator('.chip-down').click();
    assert.match(await page.locator('.wifi-map-status').innerText(), /^0 dari 1\.834/);
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });

  test('nearest Wi-Fi from the phone location and from a point picked on the map, with distances in metres', async () => {
    const page = await e.newPage();
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation(DEPOK);
    await page.goto('/wifi');
    await page.locator('.wifi-cl').first().waitFor();
    await page.getByRole('button', { name: 'Gunakan lokasi saya' }).click();
    const items = page.locator('.wifi-nearest li');
    await items.nth(4).waitFor();
    assert.equal(await items.count(), 5);
    const dists = await page.locator('.wifi-dist').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-m'))));
    assert.deepEqual(
      [...dists].sort((a, b) => a - b),
      dists,
      'nearest first',
    );
    assert.ok(dists[0] < 1000, `a point within a kilometre of the centre of Depok (${dists[0]} m)`);
    assert.match(await page.locator('.wifi-dist').first().innerText(), /^\d[\d.]* m$/);
    assert.match(await items.first().innerText(), /jalan kaki · \d+ menit/);
    assert.match(await page.locator('.wifi-near').innerText(), /Dari titik -6\.40000, 106\.82000/);
    await page.locator('.wifi-me').waitFor(); // "you are here" on the map
    await page.locator('.wifi-near').scrollIntoViewIfNeeded();
    await screenshot(page, 'wifi-nearest-mobile');

    // Pick a point instead: the next tap on the map is the origin.
    await page.getByRole('button', { name: 'Pilih titik di peta' }).click();
    await page.locator('.wifi-pick-hint').waitFor();
    await page.locator('#wifi-map .map-canvas').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    // A spot of bare map (not a marker or a control), so the tap is a pick.
    // (Browser code as a string: the e2e files compile without the DOM library, as in helpers.ts.)
    const spot = (await page.evaluate(`(() => {
      const r = document.querySelector('#wifi-map .map-canvas').getBoundingClientRect();
      for (const [fx, fy] of [[0.25, 0.75], [0.75, 0.75], [0.5, 0.5], [0.25, 0.4], [0.75, 0.3], [0.6, 0.9]]) {
        const x = r.left + r.width * fx, y = r.top + r.height * fy;
        const el = document.elementFromPoint(x, y);
        if (el && el.closest('#wifi-map .map-canvas') && !el.closest('.leaflet-marker-icon, .leaflet-control')) return { x, y };
      }
      return null;
    })()`)) as { x: number; y: number } | null;
    assert.ok(spot, 'a bare spot on the map');
    await page.mouse.click(spot.x, spot.y);
    await page.locator('.wifi-pick-hint').waitFor({ state: 'detached' });
    await waitForExpr(page, `!/Dari titik -6\\.40000, 106\\.82000/.test(document.querySelector('.wifi-near')?.textContent ?? '')`);
    await items.nth(4).waitFor();
    assert.match(await page.locator('.wifi-near').innerText(), /Dari titik -6\.\d{5}, 106\.\d{5}/);
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });

  test('the map on a desktop screen, in English', async () => {
    const page = await e.newPage({ viewport: DESKTOP, lang: 'en' });
    await page.goto('/wifi');
    await page.locator('h1', { hasText: 'Free public Wi-Fi' }).waitFor();
    await page.locator('.wifi-cl').first().waitFor();
    assert.match(await page.locator('.wifi-legend').innerText(), /Working[\s\S]*Down/);
    await screenshot(page, 'wifi-map-desktop');
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });

  test('operations: an outage appears on the open page without reload, with a ticking duration, and is acknowledged', async () => {
    // Signed out or signed in without the role: the page explains instead of failing.
    const anon = await e.newPage();
    await anon.goto('/wifi/operasi');
    await anon.getByText('Silakan masuk terlebih dahulu').waitFor();
    await anon.context().close();

    const page = await e.newPage();
    await login(page, demoEmail('operator_opd'));
    await page.goto('/wifi/operasi');
    await page.locator('#notok .wifi-summary[data-count="0"]').waitFor();
    await page.locator('#unknown .wifi-summary[data-count="0"]').waitFor();
    assert.match(await page.locator('#unknown').innerText(), /Tidak ada MAC tak dikenal/);
    await page.locator('.wifi-live[data-live="on"]').waitFor();
    await page.locator('#coverage .wifi-summary').waitFor();
    assert.match(await page.locator('#coverage .wifi-summary').innerText(), /924 RW di bawah target 2/);
    await page.locator('#sla .muted').first().waitFor();
    await page.evaluate('window.__noReload = true');

    // A resident's map is open too: it must follow the state change live.
    const map = await e.newPage();
    await map.goto('/wifi');
    await map.locator('.wifi-live[data-live="on"]').waitFor();
    assert.equal(await map.locator('.chip-down .chip-n').innerText(), '0');

    // The AP reported 10 minutes ago and then fell silent (> 5 min: PROBLEM); another one reports now.
    const fleet = await apiLogin(e.url, 'wifi_fleet');
    const tok = await apiPost(e.url, '/api/me/tokens', { cookie: fleet.cookie, 'x-csrf-token': fleet.csrf }, { name: 'e2e fleet' });
    assert.equal(tok.status, 201);
    const token = ((await tok.json()) as { token: string }).token;
    const now = Date.now();
    const hb = (mac: string, ago: number) => ({
      mac,
      ts: new Date(now - ago).toISOString(),
      clients: 4,
      rx_bytes: 1000,
      tx_bytes: 500,
      uptime_s: 3600,
    });
    const t = await apiPost(e.url, '/api/wifi/telemetry', { authorization: `Bearer ${token}` }, [
      hb(MAC, 10 * 60_000),
      hb('02:de:0c:00:00:06', 0),
      hb(STRAY, 0),
    ]);
    assert.equal(t.status, 200, await t.clone().text());
    const sent = (await t.json()) as { stored: number; unknown: number; unknown_macs: string[] };
    assert.equal(sent.stored, 2);
    assert.deepEqual([sent.unknown, sent.unknown_macs], [1, [STRAY]]);
    const admin = await apiLogin(e.url, 'admin');
    const ev = await apiPost(e.url, '/api/wifi/health/evaluate', { cookie: admin.cookie, 'x-csrf-token': admin.csrf });
    assert.equal(ev.status, 200, await ev.clone().text());

    // Over SSE, without reload: the row, its alert, and the map's state.
    const row = page.locator(`#notok tr[data-mac="${MAC}"]`);
    await row.waitFor({ timeout: 10_000 });
    assert.match(await row.innerText(), /PROBLEM/);
    assert.match(await row.innerText(), /tidak ada heartbeat/);
    assert.match(await row.innerText(), /Pondok Cina/);
    const d1 = await row.locator('.wifi-duration').innerText();
    await page.waitForTimeout(1300);
    const d2 = await row.locator('.wifi-duration').innerText();
    assert.notEqual(d1, d2, 'the duration ticks');
    // Counted from the last heartbeat (10 minutes ago), not from when the check noticed (just now).
    assert.match(d2, /^1[01] m \d{2} s$/);
    const alert = page.locator(`#alerts li[data-mac="${MAC}"]`);
    await alert.waitFor();
    assert.match(await alert.innerText(), /masih berlangsung/);
    assert.match(await alert.innerText(), /terdeteksi \d/, 'when the check noticed it, beside the start');
    assert.match(await alert.locator('.wifi-duration').innerText(), /^1[01] m \d{2} s$/, 'the alert started when the AP fell silent');
    assert.equal(await page.evaluate('window.__noReload'), true, 'no reload happened');
    await map.locator('.chip-down .chip-n', { hasText: '1' }).waitFor();
    await map.context().close();
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'wifi-ops-outage-mobile');

    // Acknowledge with a note.
    await alert.getByRole('button', { name: 'Tandai diketahui' }).click();
    await alert.locator('textarea').fill('Teknisi provider sudah dihubungi');
    await alert.getByRole('button', { name: 'Simpan' }).click();
    await alert.getByText('Diketahui oleh operator_opd@demo.depok.go.id').waitFor();
    assert.match(await alert.innerText(), /Teknisi provider sudah dihubungi/);

    // The stray MAC arrived with the evaluation's refresh: counted once, with what to do about it.
    const stray = page.locator(`#unknown tr[data-mac="${STRAY}"]`);
    await stray.waitFor();
    assert.equal(await stray.locator('.wifi-unknown-count').innerText(), '1');
    assert.match(await page.locator('#unknown').innerText(), /daftarkan AP-nya di registri/);
    await stray.scrollIntoViewIfNeeded();
    await stray.getByRole('button', { name: 'Abaikan' }).click();
    await stray.getByText(`Abaikan ${STRAY}?`).waitFor();
    await screenshot(page, 'wifi-ops-unknown-mobile');
    await stray.getByRole('button', { name: 'Ya, abaikan' }).click();
    await stray.waitFor({ state: 'detached' });
    await page.locator('#unknown .wifi-summary[data-count="0"]').waitFor();
    await page.getByText(`${STRAY} diabaikan.`).waitFor();
    const left = await page.request.get('/api/wifi/unknown-macs');
    assert.deepEqual(await left.json(), [], 'dismissed on the server, not only hidden');

    // Every table downloads as CSV with the operator's session.
    for (const href of await page.locator('a.wifi-csv').evaluateAll((els) => els.map((a) => a.getAttribute('href')!))) {
      const r = await page.request.get(href);
      assert.equal(r.status(), 200, href);
      assert.match(r.headers()['content-type'], /text\/csv/, href);
    }
    const csv = await (await page.request.get('/api/wifi/ops/aps-not-ok?include_unknown=false&format=csv')).text();
    assert.match(csv, new RegExp(MAC));
    assert.equal(await page.locator('.notice-error').count(), 0);
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();

    const desk = await e.newPage({ viewport: DESKTOP });
    await login(desk, demoEmail('operator_opd'));
    await desk.goto('/wifi/operasi');
    await desk.locator(`#notok tr[data-mac="${MAC}"]`).waitFor();
    // Every section above the coverage map has its content, so scrolling to it is not undone by a late one growing.
    await desk.locator(`#alerts li[data-mac="${MAC}"]`).waitFor();
    await desk.locator('#unknown .wifi-summary[data-count="0"]').waitFor();
    await desk.locator('#coverage .wifi-summary').waitFor();
    await screenshot(desk, 'wifi-ops-desktop');
    // The summary, not the section: the section is taller than the screen, and centring it leaves the map (at its top) above the fold.
    await desk.locator('#coverage .wifi-summary').scrollIntoViewIfNeeded();
    await desk.locator('#coverage .leaflet-container').waitFor();
    await desk.locator('#coverage path.wifi-cov-pt').first().waitFor();
    await screenshot(desk, 'wifi-ops-coverage-desktop');
    await desk.context().close();
  });
});

// A fresh demo start as a resident or an operator gets it (`npm start`): the live demo feed is on
// (the test runner turns it off for the other files) and the demo history is seeded.
describe('wifi demo is alive on first start', () => {
  let e: E2E;
  let web: string;
  before(async () => {
    web = process.env.WEB_DIST ?? buildWeb();
    e = await startE2E({ WEB_DIST: web, WIFI_DEMO_FEED: 'true' });
  });
  after(async () => {
    await e?.close();
    if (web && web !== process.env.WEB_DIST) fs.rmSync(web, { recursive: true, force: true });
  });

  test('the map shows working and down points, and the operations page has SLA figures and alert history', async () => {
    const page = await e.newPage();
    await page.goto('/wifi');
    await page.locator('.wifi-cl').first().waitFor();
    // Fed and evaluated once at start: no point is left without data.
    await page.locator('.chip-all .chip-n', { hasText: '1.834' }).waitFor();
    await waitForExpr(page, `document.querySelector('.chip-down .chip-n')?.textContent !== '0'`);
    assert.ok(Number((await page.locator('.chip-up .chip-n').innerText()).replace(/\./g, '')) > 1700);
    assert.equal(await page.locator('.chip-none .chip-n').innerText(), '0');
    await screenshot(page, 'wifi-map-live-mobile');
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();

    const desk = await e.newPage({ viewport: DESKTOP });
    await login(desk, demoEmail('operator_opd'));
    await desk.goto('/wifi/operasi');
    await desk.locator('#notok tr[data-mac]').first().waitFor();
    await desk.locator('#alerts li.closed').first().waitFor();
    const sla = desk.locator('#sla table.wifi-sla tbody tr');
    await sla.first().waitFor();
    assert.equal(await sla.count(), 63, 'every kelurahan has an uptime figure this month');
    await screenshot(desk, 'wifi-ops-live-desktop');
    assert.deepEqual(pageErrors(desk), []);
    await desk.context().close();
  });
});
