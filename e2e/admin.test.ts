// The admin page in a real browser: an administrator adds a petugas RW (a wrong scope is explained
// next to the scope field), disables the account, issues an API token shown once, and finds the
// changes in the audit log; other roles do not see the entry and get an explanation at /admin.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, demoEmail, login, pageErrors, screenshot, startE2E, type E2E, waitForExpr } from './helpers';

describe('admin: users and audit log', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.close());

  test('an admin adds a petugas RW, fixes a wrong scope, disables the user and sees it audited (phone)', async () => {
    const page = await e.newPage();
    await login(page, demoEmail('admin'));
    await page.goto('/admin');
    await page.locator('h1', { hasText: 'Pengguna' }).waitFor();
    await page.locator('.user-card').first().waitFor();
    // Role filter: only petugas RW accounts.
    await page.locator('#users-role').selectOption('petugas_rw');
    await waitForExpr(
      page,
      `(() => {
      const roles = [...document.querySelectorAll('.user-card .user-role')].map((x) => x.getAttribute('data-role'));
      return roles.length > 0 && roles.every((r) => r === 'petugas_rw');
    })()`,
    );
    await page.locator('.user-card[data-email="petugas_rw@demo.depok.go.id"]').waitFor();
    await page.locator('#users-role').selectOption('');

    await page.locator('.admin-add-box > summary').click();
    const email = 'rw002.depok@depok.go.id';
    await page.locator('#add-email').fill(email);
    await page.locator('#add-display_name').fill('Petugas RW 002 Depok');
    await page.locator('#add-role').selectOption('petugas_rw');
    assert.match(await page.locator('#add-scope-hint').innerText(), /Kode RW/);
    await page.locator('#add-scope').fill('32.76.01.1006');
    await page.locator('#add-password').fill('RahasiaRW002!');
    await page.locator('.admin-add button[type=submit]').click();
    const scopeError = page.locator('#add-scope-error');
    await scopeError.waitFor();
    assert.match(await scopeError.innerText(), /bukan kode RW/); // the API answers in the UI language
    assert.equal(await page.locator('#add-scope').getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'admin-add-error-mobile');

    await page.locator('#add-scope').fill('32.76.01.1006/002');
    await page.locator('.admin-add button[type=submit]').click();
    await page.locator('.admin-added', { hasText: email }).waitFor();
    const card = page.locator(`.user-card[data-email="${email}"]`);
    await card.waitFor();
    assert.equal(await card.locator('.user-scope').innerText(), '32.76.01.1006/002');
    assert.equal(await card.locator('.user-role').getAttribute('data-role'), 'petugas_rw');
    await page.locator('.admin-add-box > summary').click(); // close the form

    // An API token is shown once, with a warning and a copy button.
    await card.getByRole('button', { name: 'Buat token API' }).click();
    await card.locator('input[id^="tname-"]').fill('HP petugas RW 002');
    await card.getByRole('button', { name: 'Buat token' }).click();
    await card.locator('.token-warning', { hasText: 'tidak akan ditampilkan lagi' }).waitFor();
    assert.match(await card.locator('.token-value').inputValue(), /^sc_/);
    await card.getByRole('button', { name: 'Salin' }).waitFor();
    await card.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'admin-users-mobile');
    await card.getByRole('button', { name: 'Selesai' }).click();
    assert.equal(await card.locator('.token-value').count(), 0, 'the token is gone once closed');

    // Disable, with a confirmation first.
    await card.getByRole('button', { name: 'Nonaktifkan' }).click();
    await card.locator('.confirm', { hasText: email }).waitFor();
    await card.getByRole('button', { name: 'Ya, lanjutkan' }).click();
    await card.locator('.badge-off', { hasText: 'Nonaktif' }).waitFor();
    await card.getByRole('button', { name: 'Aktifkan' }).waitFor();
    await card.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'admin-disabled-mobile');

    // The audit log: newest first, filtered to users; the update (disable) above the create.
    await page.locator('.admin-tabs a', { hasText: 'Log audit' }).click();
    await page.waitForURL(/\/admin\/audit$/);
    await page.locator('#audit-entity').fill('identity.user');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    const userId = await page.evaluate(async (em) => {
      const r = await fetch(`/api/users?q=${encodeURIComponent(em)}`);
      return ((await r.json()) as { items: { id: string }[] }).items[0].id;
    }, email);
    const entries = page.locator(`.audit-entry[data-entity-id="${userId}"]`);
    await entries.nth(1).waitFor();
    assert.deepEqual(await entries.evaluateAll((els) => els.map((x) => x.getAttribute('data-action'))), ['update', 'create']);
    assert.ok(
      (await page.locator('.audit-entry').evaluateAll((els) => els.map((x) => x.getAttribute('data-entity')))).every(
        (x) => x === 'identity.user',
      ),
    );
    const update = entries.first();
    await update.locator('.audit-who strong', { hasText: 'admin@demo.depok.go.id' }).waitFor();
    await update.locator('summary').click();
    assert.match(await update.locator('pre').nth(0).innerText(), /"disabled": false/);
    assert.match(await update.locator('pre').nth(1).innerText(), /"disabled": true/);
    await screenshot(page, 'admin-audit-mobile');
    // The one 400 is the wrong scope submitted on purpose above; nothing else may fail.
    assert.deepEqual(
      pageErrors(page).filter((m) => !/status of 400/.test(m)),
      [],
    );
    assert.equal(pageErrors(page).length, 1);
    await page.context().close();
  });

  test('desktop: users and audit log side by side with the navigation', async () => {
    const page = await e.newPage({ viewport: DESKTOP });
    await login(page, demoEmail('admin'));
    await page.locator('#main-nav a[href="/admin"]').click();
    await page.locator('.user-card').first().waitFor();
    await screenshot(page, 'admin-users-desktop');
    await page.goto('/admin/audit');
    await page.locator('.audit-entry').first().waitFor();
    await page.locator('.audit-entry summary').first().click();
    await screenshot(page, 'admin-audit-desktop');
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });

  test('a warga has no admin entry and gets an explanation at /admin', async () => {
    const page = await e.newPage();
    await login(page, demoEmail('warga'));
    assert.equal(await page.locator('#main-nav a[href="/admin"]').count(), 0);
    await page.goto('/admin');
    await page.locator('.admin-denied h1', { hasText: 'khusus administrator' }).waitFor();
    assert.match(await page.locator('.admin-denied').innerText(), /Warga/);
    assert.equal(await page.locator('.user-card').count(), 0);
    await screenshot(page, 'admin-denied-mobile');
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });
});
