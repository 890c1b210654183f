// The API's error messages follow the UI language: an RW officer filling the daily report in
// Indonesian gets the field errors in Indonesian, and in English after switching the language.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoEmail, login, pageErrors, screenshot, startE2E, type E2E } from './helpers';

describe('API error messages in the UI language', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.close());

  test('the covid report form shows the API field error in Indonesian, then in English after switching', async () => {
    const page = await e.newPage();
    const errors = pageErrors(page);
    await login(page, demoEmail('petugas_rw'));
    await page.goto('/covid/laporan');
    const field = page.locator('#f-konfirmasi-dirawat');
    await field.waitFor();

    await field.fill('-3');
    await page.locator('#rep-submit').click();
    const fieldError = page.locator('#f-konfirmasi-dirawat-err');
    await fieldError.waitFor();
    assert.equal(await fieldError.innerText(), 'tidak boleh negatif');
    assert.match(await page.locator('.notice-error').innerText(), /Isian tidak valid/);
    await screenshot(page, 'i18n-report-error-id-mobile');

    await page.locator('.lang-switch button[lang="en"]').click();
    await page.locator('#rep-submit', { hasText: 'Submit for verification' }).waitFor();
    await page.locator('#rep-submit').click();
    await page.locator('#f-konfirmasi-dirawat-err', { hasText: 'cannot be negative' }).waitFor();
    assert.match(await page.locator('.notice-error').innerText(), /The request has invalid fields/);
    await screenshot(page, 'i18n-report-error-en-mobile');
    // The two 400 answers this test provokes are logged by Chromium; nothing else may be.
    assert.deepEqual(
      errors.filter((m) => !/status of 400/.test(m)),
      [],
    );
  });
});
