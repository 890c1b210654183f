// The web shell in a real browser: the home page with the city map, a kelurahan's details, the
// language switch (kept across reloads), signing in and out with a demo account, and errors.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, demoEmail, login, pageErrors, pointInside, screenshot, startE2E, type E2E, waitForExpr } from './helpers';

describe('web shell', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.close());

  test('home page draws the city map with 11 kecamatan and 63 kelurahan (phone)', async () => {
    const page = await e.newPage();
    await page.goto('/');
    assert.match(await page.locator('h1').innerText(), /Layanan dan data Kota Depok/);
    assert.equal(await page.locator('.brand-city').innerText(), 'Kota Depok');
    assert.equal(await page.locator('.brand-name').innerText(), 'Depok Smart City');
    await page.locator('path.sc-kelurahan').nth(62).waitFor();
    assert.equal(await page.locator('path.sc-kelurahan').count(), 63);
    assert.equal(await page.locator('path.sc-kecamatan').count(), 11);
    // No internet tiles by default: the map is drawn from the API alone.
    assert.equal(await page.locator('.leaflet-tile').count(), 0);
    await page.locator('.map-summary', { hasText: '11 kecamatan · 63 kelurahan' }).waitFor();
    await screenshot(page, 'home-mobile');
    // The chart below the map loads when scrolled into view (shared ECharts component, lazy).
    await page.locator('#glance-title').scrollIntoViewIfNeeded();
    await page.locator('.chart svg').first().waitFor();
    await page.locator('.chart svg text', { hasText: 'Tapos' }).first().waitFor();
    await page.evaluate('window.scrollTo(0, 0)'); // a full-page shot of a scrolled page repeats the sticky top bar
    await screenshot(page, 'home-mobile-full', true);
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });

  test('home page on a desktop screen shows the navigation column and the map', async () => {
    const page = await e.newPage({ viewport: DESKTOP });
    await page.goto('/');
    await page.locator('path.sc-kelurahan').nth(62).waitFor();
    assert.ok(await page.locator('#main-nav').isVisible(), 'the navigation is a visible column on wide screens');
    assert.equal(await page.locator('.menu-btn').isVisible(), false);
    await screenshot(page, 'home-desktop');
    await page.context().close();
  });

  test('tapping a kelurahan shows its name, kecamatan, postal code and RW count', async () => {
    const page = await e.newPage();
    await page.goto('/');
    const sel = 'path.sc-kel-3276011006'; // Kelurahan Depok, Kec. Pancoran Mas
    await page.locator(sel).waitFor();
    const p = await pointInside(page, sel);
    await page.mouse.click(p.x, p.y);
    const panel = page.locator('.kel-panel');
    await panel.waitFor();
    assert.equal(await panel.getAttribute('data-code'), '32.76.01.1006');
    assert.match(await panel.locator('h3').innerText(), /Depok/);
    assert.match(await panel.innerText(), /Pancoran Mas/);
    assert.equal(await panel.locator('.postal-code').innerText(), '16431');
    assert.match(await panel.locator('.rw-count').innerText(), /^\d+$/);
    assert.ok(Number(await panel.locator('.rw-count').innerText()) > 0);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'kelurahan-panel-mobile');

    // The same details without a pointer: the list (keyboard and screen readers).
    await page.locator('#kel-pick').selectOption('32.76.02.1008'); // Curug, Kec. Cimanggis
    assert.equal(await panel.getAttribute('data-code'), '32.76.02.1008');
    assert.match(await panel.innerText(), /Cimanggis/);
    await page.getByRole('button', { name: 'Tutup keterangan' }).click();
    assert.equal(await panel.count(), 0);
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });

  test('the language switches to English, stays after a reload, and switches back', async () => {
    const page = await e.newPage();
    await page.goto('/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');
    await page.locator('.lang-switch button', { hasText: 'EN' }).click();
    await page.locator('h1', { hasText: "Depok's city services and data" }).waitFor();
    await waitForExpr(page, "document.documentElement.lang === 'en'");
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await page.locator('path.sc-kelurahan').nth(62).waitFor();
    await screenshot(page, 'home-mobile-en');

    await page.reload();
    await page.locator('h1', { hasText: "Depok's city services and data" }).waitFor();
    await waitForExpr(page, "document.documentElement.lang === 'en'");

    await page.locator('.lang-switch button', { hasText: 'ID' }).click();
    await page.locator('h1', { hasText: 'Layanan dan data Kota Depok' }).waitFor();
    await page.reload();
    await page.locator('h1', { hasText: 'Layanan dan data Kota Depok' }).waitFor();
    await page.getByRole('link', { name: 'Masuk' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');
    await page.context().close();
  });

  test('the menu opens as a drawer on a phone and lists only pages that exist', async () => {
    const page = await e.newPage();
    await page.goto('/');
    assert.equal(await page.locator('#main-nav').isVisible(), false);
    await page.getByRole('button', { name: 'Buka menu' }).click();
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    await nav.getByRole('link', { name: 'Beranda' }).waitFor({ state: 'visible' });
    await page.waitForTimeout(250); // let the slide-in finish before the screenshot
    await screenshot(page, 'nav-drawer-mobile');
    await nav.getByRole('link', { name: 'Sumber data' }).click();
    await page.locator('h1', { hasText: 'Sumber data dan lisensi' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Cahya DSN/);
    assert.equal(await page.locator('#main-nav').isVisible(), false, 'the drawer closes after navigating');
    await page.context().close();
  });

  test('a wrong password shows an error that says what is wrong', async () => {
    const page = await e.newPage();
    await page.goto('/masuk');
    await page.locator('#email').fill(demoEmail('admin'));
    await page.locator('#password').fill('not-the-password');
    await page.locator('form button[type=submit]').click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Tidak bisa masuk/);
    assert.match(await alert.innerText(), /Email atau kata sandi salah/);
    assert.match(page.url(), /\/masuk$/);
    await screenshot(page, 'signin-wrong-password-mobile');
    await page.context().close();
  });

  test('signing in as the demo admin shows the demo badge; signing out returns to anonymous', async () => {
    const page = await e.newPage();
    await login(page, demoEmail('admin'));
    await page.locator('h1', { hasText: 'Akun saya' }).waitFor();
    assert.match(await page.locator('main').innerText(), /admin@demo\.depok\.go\.id/);
    assert.match(await page.locator('main').innerText(), /Administrator/);
    assert.ok(await page.locator('main .badge-demo').first().isVisible(), 'the account page marks a demo account');
    assert.match(await page.locator('main .badge-demo').first().innerText(), /akun demo/i);
    // On a phone the top bar marks the demo account too (compact badge next to the account icon).
    assert.ok(await page.locator('.topbar .user-chip .badge-demo').isVisible());
    await screenshot(page, 'account-demo-mobile');

    // Still signed in after a reload (session cookie), on a desktop screen the top bar shows the user.
    await page.setViewportSize(DESKTOP);
    await page.goto('/');
    await page.locator('.topbar .user-chip .badge-demo').waitFor();
    await page.locator('path.sc-kelurahan').nth(62).waitFor();
    await screenshot(page, 'home-signed-in-desktop');

    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('link', { name: 'Masuk' }).waitFor();
    const me = await page.request.get('/api/auth/me');
    assert.equal((await me.json()).user, null, 'the server session is ended');
    await page.goto('/akun');
    await page.getByText('Halaman ini untuk pengguna yang sudah masuk.').waitFor();
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });

  test('an unknown address shows a page that explains it and links home', async () => {
    const page = await e.newPage();
    await page.goto('/tidak-ada');
    await page.locator('h1', { hasText: 'Halaman tidak ditemukan' }).waitFor();
    assert.match(await page.locator('main').innerText(), /\/tidak-ada/);
    await page.getByRole('link', { name: 'Kembali ke beranda' }).click();
    await page.waitForURL(/\/$/);
    await page.context().close();
  });
});
