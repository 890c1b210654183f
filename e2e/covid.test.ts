// Kampung Siaga Covid in a real browser: a resident uses the public dashboard (time slider, "cek
// lokasi" by picking on the map, CSV of exactly the shown rows, following an RW); an RW officer
// submits a daily report, a puskesmas verifies it, and a dashboard that was already open updates
// live (SSE) without a reload.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { DESKTOP, demoEmail, login, pageErrors, pointInside, screenshot, startE2E, type E2E, waitForExpr } from './helpers';

const DAY = 86_400_000;
const sliderIndex = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse('2020-03-02T00:00:00Z')) / DAY);
const todayJakarta = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const KEL = 'path.sc-kel-3276011006'; // Kelurahan Depok, Kec. Pancoran Mas
// Browser-side expressions as strings: this file is type-checked without the DOM library.
const fillOf = (page: Page, sel: string) =>
  page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(sel)})).fill`) as Promise<string>;
const waitFillNot = (page: Page, sel: string, not: string) =>
  waitForExpr(page, `getComputedStyle(document.querySelector(${JSON.stringify(sel)})).fill !== ${JSON.stringify(not)}`);

describe('covid pages', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.close());

  test('a resident reads the dashboard, moves the time slider, checks a location (picked on the map, then the browser position) and downloads the shown table', async () => {
    const page = await e.newPage();
    await page.goto('/covid');
    const summary = page.locator('#covid-summary');
    await summary.waitFor();
    assert.match(await page.locator('h1').innerText(), /Kampung Siaga Covid-19/);
    assert.equal(await summary.getAttribute('data-date'), '2022-03-01', 'the latest verified date of the seeded history');
    assert.match(await summary.innerText(), /Data per 1 Mar 2022/);
    assert.match(await page.locator('.covid-card-active .covid-card-value').innerText(), /^\d{1,3}(\.\d{3})*$/);
    assert.match(await page.locator('.covid-card-active .covid-card-change').innerText(), /dari kemarin/);
    assert.equal(await summary.locator('.badge-demo').count(), 1, 'demo figures are labelled demo');
    const city = (await (await page.request.get('/api/covid/summary')).json()) as { per_10k: number };
    assert.equal(
      await summary.locator('.covid-card-active .covid-card-rate').innerText(),
      `${city.per_10k.toLocaleString('id-ID', { maximumFractionDigits: 2 })} per 10.000 penduduk`,
    );

    // The choropleth uses the server's legend: the kelurahan's fill is one of the legend colours.
    const map = page.locator('#covid-map');
    await page.locator('#covid-map[data-map-date="2022-03-01"]').waitFor();
    await page.locator('#covid-map .covid-slider').scrollIntoViewIfNeeded();
    await page.locator(KEL).waitFor();
    const legend = (await page.evaluate(
      `[...document.querySelectorAll('#covid-map .covid-legend .legend')[0].querySelectorAll('.swatch')].map((el) => getComputedStyle(el).backgroundColor)`,
    )) as string[];
    assert.equal(legend.length, 6);
    const fillAt = () => fillOf(page, KEL);
    await waitFillNot(page, KEL, 'rgb(207, 230, 212)'); // the shell's uncoloured fill
    const peak = await fillAt();
    assert.ok(legend.includes(peak), `${peak} is a legend colour (${legend.join(', ')})`);
    await screenshot(page, 'covid-dashboard-mobile');

    // Time slider → the map reloads for that date (mid-December 2021 had almost no cases).
    await page.locator('#covid-date').fill(String(sliderIndex('2021-12-15')));
    await page.locator('#covid-map[data-map-date="2021-12-15"]').waitFor();
    await waitFillNot(page, KEL, peak);
    const low = await fillAt();
    assert.notEqual(low, peak);
    assert.ok(legend.includes(low));
    assert.match(await map.locator('.covid-slider-value').innerText(), /15 Des 2021/);

    // Cek lokasi without location permission: pick a point on the map.
    await page.getByRole('button', { name: 'Pilih titik di peta' }).click();
    await page.evaluate(`document.querySelector('#covid-map .map-frame').scrollIntoView({ block: 'center' })`);
    const p = await pointInside(page, KEL);
    await page.mouse.click(p.x, p.y);
    const result = page.locator('#covid-locate-result');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-kelurahan'), '32.76.01.1006');
    assert.match((await result.getAttribute('data-rw')) ?? '', /^32\.76\.01\.1006\/\d{3}$/);
    assert.match(await result.locator('.loc-kelurahan').innerText(), /^Depok$/);
    assert.match(await result.innerText(), /Kasus aktif dalam 2 km/);
    assert.match(await result.innerText(), /Angka per 15 Des 2021/);
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, 'covid-locate-mobile');

    // With location permission: the browser's position (Kelurahan Depok Jaya's centroid).
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation({ latitude: -6.3933, longitude: 106.811007 });
    await page.getByRole('button', { name: 'Cek lokasi saya' }).click();
    await page.locator('#covid-locate-result[data-kelurahan="32.76.01.1007"]').waitFor();
    assert.match(await result.locator('.loc-kelurahan').innerText(), /^Depok Jaya$/);

    // The table follows the slider's date; sort by name, then the CSV holds exactly the rows shown.
    const table = page.locator('#covid-table');
    await page.locator('#covid-table[data-date="2021-12-15"][data-level="kelurahan"]').waitFor();
    await table.locator('button[data-col="name"]').click();
    const shown = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));
    assert.equal(shown.length, 63);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#covid-csv').click()]);
    assert.equal(download.suggestedFilename(), 'covid-kelurahan-2021-12-15.csv');
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'code,name,kecamatan,active,new_cases,confirmed_cum,recovered_cum,deceased_cum,rt_hijau,rt_kuning,rt_oranye,rt_merah',
    );
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',')[0]),
      shown,
      'same rows in the same order as on screen',
    );
    const names = lines.slice(1).map((l) => l.split(',')[1]);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b, 'id')),
    );
    // Same figures as the API's own CSV of that date.
    const api = (await (await page.request.get('/api/covid/table?level=kelurahan&date=2021-12-15&format=csv')).text())
      .trimEnd()
      .split('\r\n');
    assert.deepEqual([...lines].sort(), [...api].sort());

    // RW level: small counts appear as "1–4" exactly as the API gives them.
    await page.locator('#table-level').selectOption('rw');
    await page.locator('#covid-table[data-level="rw"]').waitFor();
    await page.locator('#table-kel').selectOption('32.76.01.1006');
    const [rwDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#covid-csv').click()]);
    const rwLines = fs
      .readFileSync(await rwDownload.path(), 'utf8')
      .trimEnd()
      .split('\r\n');
    assert.equal(rwLines[0].split(',')[8], 'zone');
    const rwApi = (await (await page.request.get('/api/covid/table?level=rw&date=2021-12-15&format=csv')).text())
      .trimEnd()
      .split('\r\n')
      .filter((l) => l.startsWith('32.76.01.1006/'));
    assert.deepEqual(rwLines.slice(1).sort(), rwApi.sort());
    assert.equal(await table.locator('tbody tr').count(), rwApi.length);
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });

  test('kecamatan map per 10,000 residents shows its population source; RW points sit above the fills without blocking taps on them', async () => {
    const page = await e.newPage({ viewport: DESKTOP });
    await page.goto('/covid');
    await page.locator('#covid-map[data-map-date="2022-03-01"]').waitFor();
    await page.locator('#covid-map .covid-slider').scrollIntoViewIfNeeded();
    await page.locator(KEL).waitFor();
    assert.equal(await page.locator('#covid-metric').count(), 0, 'no per-10,000 choice at kelurahan level (no kelurahan population)');
    await page.locator('#covid-map .covid-segment button', { hasText: 'Kecamatan' }).click();
    await page.locator('#covid-metric button[data-metric="per_10k"]').click();
    await page.locator('#covid-map[data-metric="per_10k"] .legend[data-metric="per_10k"]').waitFor();
    const legendText = await page.locator('#covid-map .covid-legend').innerText();
    assert.match(legendText, /per 10\.000 penduduk/);
    assert.match(await page.locator('.covid-pop-source').innerText(), /Sumber jumlah penduduk: .*BNPB.*SP2020/);
    const api = (await (await page.request.get('/api/covid/map?level=kecamatan&date=2022-03-01&metric=per_10k')).json()) as {
      features: { properties: { code: string; colour: string; per_10k: number } }[];
    };
    const pm = api.features.find((f) => f.properties.code === '32.76.01')!.properties;
    await waitForExpr(
      page,
      `(() => { const c = document.createElement('div'); c.style.color = ${JSON.stringify(pm.colour)}; document.body.append(c); const want = getComputedStyle(c).color; c.remove(); return getComputedStyle(document.querySelector(${JSON.stringify(KEL)})).fill === want; })()`,
    );

    // RW points: SVG circles in their own pane above the kelurahan fills; a dot takes the pointer, the
    // space between dots still reaches the kelurahan (elementFromPoint honours pointer-events).
    await page.locator('.leaflet-sc-points-pane path.sc-point').first().waitFor();
    await page.evaluate(`document.querySelector('#covid-map .map-frame').scrollIntoView({ block: 'center' })`);
    assert.equal(await page.locator('path.sc-point').count(), 924);
    const z = (await page.evaluate(
      `[getComputedStyle(document.querySelector('.leaflet-sc-points-pane')).zIndex, getComputedStyle(document.querySelector('.leaflet-overlay-pane')).zIndex].map(Number)`,
    )) as number[];
    assert.ok(z[0] > z[1], `points pane ${z[0]} above the polygons ${z[1]}`);
    const hit = await page.evaluate(
      `(() => { const el = [...document.querySelectorAll('path.sc-point')].find((p) => { const r = p.getBoundingClientRect(); return r.top > 0 && r.bottom < innerHeight; }); const r = el.getBoundingClientRect(); return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2).getAttribute('class'); })()`,
    );
    assert.match(String(hit), /sc-point/);
    const p = await pointInside(page, KEL);
    await page.mouse.click(p.x, p.y);
    const panel = page.locator('.kel-panel[data-code="32.76.01.1006"]');
    await panel.waitFor();
    assert.match(
      await panel.locator('.covid-panel-figures').innerText(),
      new RegExp(
        `${pm.per_10k.toLocaleString('id-ID', { minimumFractionDigits: 0, maximumFractionDigits: 2 }).replace('.', '\\.')} per 10\\.000 penduduk`,
      ),
    );
    await screenshot(page, 'covid-map-per10k-desktop');

    // The kecamatan table carries the same rate and names the population source.
    await page.locator('#table-level').selectOption('kecamatan');
    const table = page.locator('#covid-table[data-level="kecamatan"]');
    await table.locator('button[data-col="per_10k"]').waitFor();
    assert.match(await table.locator('.covid-pop-source').innerText(), /BNPB/);
    assert.match(
      await table.locator('tr[data-code="32.76.01"]').innerText(),
      new RegExp(pm.per_10k.toLocaleString('id-ID', { maximumFractionDigits: 2 })),
    );
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });

  test('a resident follows an RW (announcements, Atom feed, emergency numbers, puskesmas) and its forum is moderated', async () => {
    const page = await e.newPage();
    await page.goto('/covid/info');
    await page.locator('#follow-kel').selectOption('32.76.01.1006');
    await page.locator('#follow-rw option[value="32.76.01.1006/001"]').waitFor({ state: 'attached' });
    await page.locator('#follow-rw').selectOption('32.76.01.1006/001');
    await page.getByRole('button', { name: 'Ikuti RW ini' }).click();
    await page.reload();
    const follow = page.locator('#covid-follow');
    assert.equal(await follow.getAttribute('data-rw'), '32.76.01.1006/001', 'kept in the browser');
    assert.equal(await page.locator('#covid-announcements a[href*="announcements.atom?audience=32.76.01.1006%2F001"]').count(), 1);
    const emergency = page.locator('#covid-emergency');
    await emergency.locator('a[href="tel:112"]').waitFor();
    await emergency.locator('h3', { hasText: 'Pancoran Mas' }).waitFor();
    assert.ok((await emergency.locator('.covid-posts li').count()) > 0, 'the puskesmas of the kecamatan are listed');
    await page.locator('#covid-forum').waitFor();
    await screenshot(page, 'covid-info-mobile', true);

    // The RW forum: a signed-in resident posts (no "sembunyikan" for them); the RW officer hides it with a reason.
    await login(page, demoEmail('warga'));
    await page.goto('/covid/info');
    await page.locator('#post-new').fill('Apakah posyandu RW 001 buka minggu ini?');
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    const post = page.locator('#covid-forum .covid-post', { hasText: 'posyandu RW 001' });
    await post.waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sembunyikan' }).count(), 0);
    const officer = await e.newPage();
    await login(officer, demoEmail('petugas_rw'));
    await officer.evaluate(`localStorage.setItem('covid.rw', '32.76.01.1006/001')`);
    await officer.goto('/covid/info');
    const theirs = officer.locator('#covid-forum .covid-post', { hasText: 'posyandu RW 001' });
    await theirs.getByRole('button', { name: 'Sembunyikan' }).click();
    await theirs.getByLabel('Alasan menyembunyikan').fill('Bukan topik RW ini');
    await theirs.locator('form button[type=submit]').click();
    await officer.locator('#covid-forum .covid-hidden', { hasText: 'Disembunyikan petugas RW: Bukan topik RW ini' }).waitFor();
    assert.deepEqual(pageErrors(page), []);
    assert.deepEqual(pageErrors(officer), []);
    await Promise.all([page.context().close(), officer.context().close()]);
  });

  test('an RW officer submits, the puskesmas verifies, and an open dashboard updates live without reload', async () => {
    const today = todayJakarta();
    // A resident has the dashboard open (desktop, own browser context) before anything happens.
    const viewer = await e.newPage({ viewport: DESKTOP });
    await viewer.goto('/covid');
    await viewer.locator('#covid-summary[data-date="2022-03-01"]').waitFor();
    await viewer.locator('.covid-live', { hasText: 'Pembaruan langsung aktif' }).waitFor();
    await viewer.evaluate('window.__notReloaded = true');
    await screenshot(viewer, 'covid-dashboard-desktop');

    const officer = await e.newPage();
    await login(officer, demoEmail('petugas_rw'));
    await officer.goto('/covid/laporan');
    await officer.locator('#f-konfirmasi-isolasi_mandiri').waitFor();
    assert.equal(await officer.locator('#rep-date').inputValue(), today);
    await officer.locator('#f-rt-001').waitFor();

    // The API's validation message appears next to the field.
    await officer.locator('#f-konfirmasi-isolasi_mandiri').fill('-1');
    await officer.locator('#rep-submit').click();
    const fieldError = officer.locator('#f-konfirmasi-isolasi_mandiri-err');
    await fieldError.waitFor();
    assert.match(await fieldError.innerText(), /tidak boleh negatif/); // the API answers in the UI language

    await officer.locator('#f-konfirmasi-isolasi_mandiri').fill('5');
    await officer.locator('#f-konfirmasi-dirawat').fill('2');
    await officer.locator('#f-konfirmasi-selesai').fill('1');
    await officer.locator('#f-kontak_erat-dikarantina').fill('9');
    await officer.locator('#f-rt-001').fill('3');
    await officer.locator('#rep-submit').click();
    const saved = officer.locator('.covid-saved[data-status="submitted"]');
    await saved.waitFor();
    assert.match(await saved.innerText(), /Kasus aktif 7, total konfirmasi 8/);
    assert.equal(await fieldError.count(), 0);
    await screenshot(officer, 'covid-report-mobile', true);

    // Not public before verification.
    const before = await (await viewer.request.get('/api/covid/summary')).json();
    assert.equal(before.date, '2022-03-01');

    const puskesmas = await e.newPage();
    await login(puskesmas, demoEmail('puskesmas'));
    await puskesmas.goto('/covid/laporan');
    const item = puskesmas.locator('.covid-queue-item[data-rw="32.76.01.1006/001"]');
    await item.waitFor();
    assert.match(await item.innerText(), /Isolasi mandiri 5/);
    assert.match(await item.innerText(), /RT 001: 3/);
    // The missing list: RW 001 has reported today, the others of Kelurahan Depok not yet.
    await puskesmas.locator('#missing-kel').selectOption('32.76.01.1006');
    const missing = puskesmas.locator('#covid-missing');
    await missing.locator('p', { hasText: /1 dari \d+ RW sudah melapor/ }).waitFor();
    await screenshot(puskesmas, 'covid-queue-mobile', true);
    await item.getByRole('button', { name: 'Verifikasi' }).click();
    await puskesmas.locator('#covid-queue [role=status]', { hasText: 'terverifikasi' }).waitFor();
    await item.waitFor({ state: 'detached' }); // the verified report left the queue

    // The public figure changed…
    const after = await (await viewer.request.get('/api/covid/summary')).json();
    assert.equal(after.date, today);
    assert.equal(after.cards.find((c: { id: string }) => c.id === 'active').value, 7);

    // …and reached the already-open dashboard over SSE, without a reload.
    await viewer.locator(`#covid-summary[data-date="${today}"]`).waitFor({ timeout: 10_000 });
    assert.equal(await viewer.locator('.covid-card-active .covid-card-value').innerText(), '7');
    assert.match(await viewer.locator('.covid-live').innerText(), /Angka diperbarui/);
    assert.match(await viewer.locator('.covid-partial').innerText(), /baru 1 dari \d+ RW/, 'a partial day is labelled as such');
    assert.equal(await viewer.evaluate('window.__notReloaded'), true, 'the page was not reloaded');
    await viewer.locator(`#covid-map[data-map-date="${today}"]`).waitFor();
    await screenshot(viewer, 'covid-dashboard-live-desktop');

    // The one 400 is the negative number the officer typed on purpose.
    assert.deepEqual(
      pageErrors(officer).filter((m) => !/status of 400/.test(m)),
      [],
    );
    for (const pg of [viewer, puskesmas]) assert.deepEqual(pageErrors(pg), []);
    await Promise.all([viewer, officer, puskesmas].map((pg) => pg.context().close()));
  });
});
