import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { createTestEnv, type TestEnv } from '../../test/helpers';
import { buildUser, nextTestAddress, type TestUser } from '../../test/factories';
import { buildApp } from '../app';
import { todayJakarta } from '../modules/covid/covid.reports';
import { covidMessages } from '../modules/covid/covid.messages';
import { identityMessages } from '../modules/identity/identity.messages';
import { wilayahMessages } from '../modules/wilayah/wilayah.messages';
import { defineMessages, m, negotiateLang, type Msg } from './i18n';
import { platformMessages } from './i18n.messages';

// The same request answered in Indonesian with `Accept-Language: id` and in English without it.

const ID = { 'accept-language': 'id' };
const RW = '32.76.01.1006/001';

let env: TestEnv;
let rwUser: TestUser;
let pkm: TestUser;
let admin: TestUser;
let rts: string[];

before(async () => {
  env = await createTestEnv();
  rwUser = await buildUser(env, { role: 'petugas_rw', scope: RW });
  pkm = await buildUser(env, { role: 'puskesmas', scope: '32.76.01' });
  admin = await buildUser(env, { role: 'admin' });
  rts = (await env.ctx.services.wilayah.findRw(RW))!.rtNumbers;
});
after(async () => env.close());

/** Sends the request twice, without and with `Accept-Language: id`; returns both error bodies. */
async function both(req: InjectOptions, status: number) {
  const en = await env.app.inject(req);
  const id = await env.app.inject({ ...req, headers: { ...(req.headers ?? {}), ...ID } });
  assert.equal(en.statusCode, status, en.body);
  assert.equal(id.statusCode, status, id.body);
  assert.equal(id.json().error.code, en.json().error.code, 'the code does not depend on the language');
  assert.match(String(id.headers.vary), /Accept-Language/i);
  type Err = { code: string; message: string; key?: string; details?: { path?: string; message: string; key?: string }[] };
  return { en: en.json().error as Err, id: id.json().error as Err };
}

describe('language negotiation', () => {
  test('Indonesian only when id is the most preferred of the two; English otherwise', () => {
    assert.equal(negotiateLang(undefined), 'en');
    assert.equal(negotiateLang(''), 'en');
    assert.equal(negotiateLang('id'), 'id');
    assert.equal(negotiateLang('id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7'), 'id');
    assert.equal(negotiateLang('en-US,en;q=0.9,id;q=0.8'), 'en');
    assert.equal(negotiateLang('en;q=0.5, id;q=0.8'), 'id');
    assert.equal(negotiateLang('fr-FR, id;q=0.5'), 'id', 'the first language the API speaks');
    assert.equal(negotiateLang('in'), 'id', 'legacy code of Indonesian');
    assert.equal(negotiateLang('fr, de'), 'en');
    assert.equal(negotiateLang('id;q=0, en;q=0.1'), 'en', 'q=0 means not acceptable');
  });

  test('a catalog entry renders its params in both languages with a stable key', () => {
    const M = defineMessages('demo', {
      wait: m<{ s: number }>(
        (p) => `Wait ${p.s} s.`,
        (p) => `Tunggu ${p.s} detik.`,
      ),
      plain: m(
        () => 'Plain.',
        () => 'Biasa.',
      ),
    });
    assert.deepEqual(M.wait({ s: 45 }), { key: 'demo.wait', params: { s: 45 }, text: { en: 'Wait 45 s.', id: 'Tunggu 45 detik.' } });
    assert.deepEqual(M.plain().text, { en: 'Plain.', id: 'Biasa.' });
  });
});

describe('catalogs', () => {
  test('every message has an Indonesian text that is not the English one (names such as "Token x" aside)', () => {
    // Any param name gets a sample value, so each template renders without knowing its params.
    const sample = new Proxy({}, { get: (_t, k) => (typeof k === 'string' ? `‹${k}›` : undefined) });
    const same = new Set(['identity.token']);
    for (const catalog of [platformMessages, covidMessages, identityMessages, wilayahMessages]) {
      for (const make of Object.values(catalog) as ((p: unknown) => Msg)[]) {
        const msg = make(sample);
        assert.ok(msg.text.en.trim() && msg.text.id.trim(), msg.key);
        if (!same.has(msg.key)) assert.notEqual(msg.text.id, msg.text.en, `${msg.key} is not translated`);
      }
    }
  });
});

describe('error messages in Indonesian or English', () => {
  test('zod field errors: custom dto messages and built-in ones', async () => {
    const r = await both(
      {
        method: 'POST',
        url: '/api/covid/reports',
        headers: rwUser.headers,
        payload: { rw_code: RW, date: '2022-02-20', konfirmasi: { dirawat: -1 }, bogus: 1 },
      },
      400,
    );
    assert.equal(r.en.message, 'The request has invalid fields.');
    assert.equal(r.id.message, 'Isian tidak valid. Periksa kolom yang ditandai.');
    const at = (e: typeof r.en, path: string) => e.details!.find((d) => d.path === path);
    assert.equal(at(r.en, 'body.konfirmasi.dirawat')?.message, 'cannot be negative');
    assert.equal(at(r.id, 'body.konfirmasi.dirawat')?.message, 'tidak boleh negatif');
    assert.equal(at(r.id, 'body.konfirmasi.dirawat')?.key, 'covid.countNegative');
    assert.match(at(r.en, 'body')!.message, /Unrecognized key: "bogus"/);
    assert.equal(at(r.id, 'body')?.message, 'Kolom tidak dikenal: bogus.');

    const date = await both(
      { method: 'POST', url: '/api/covid/reports', headers: rwUser.headers, payload: { rw_code: RW, date: '20-02-2022' } },
      400,
    );
    assert.equal(date.en.details![0].message, 'Use a date as YYYY-MM-DD');
    assert.equal(date.id.details![0].message, 'Tulis tanggal dengan format YYYY-MM-DD (tahun-bulan-tanggal)');

    // Built-in zod messages: a missing field and a number out of range in a query string.
    const login = await both({ method: 'POST', url: '/api/auth/login', payload: { password: 'x' }, remoteAddress: nextTestAddress() }, 400);
    assert.equal(login.en.details![0].path, 'body.email');
    assert.equal(login.en.details![0].message, 'Invalid input: expected string, received undefined');
    assert.equal(login.id.details![0].message, 'Wajib diisi.');
    const limit = await both({ url: '/api/users?limit=0', headers: admin.headers }, 400);
    assert.equal(limit.en.details![0].message, 'Too small: expected number to be >=1');
    assert.equal(limit.id.details![0].message, 'Minimal 1.');
  });

  test('covid report checks: future date and an RT that is not in the RW', async () => {
    const tomorrow = new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    const today = todayJakarta();
    const r = await both(
      {
        method: 'POST',
        url: '/api/covid/reports',
        headers: rwUser.headers,
        payload: { rw_code: RW, date: tomorrow, rt: [{ rt: '099', rumah_terkonfirmasi: 1 }] },
      },
      400,
    );
    assert.equal(r.en.message, 'The report has errors; nothing was saved.');
    assert.equal(r.id.message, 'Laporan masih berisi kesalahan sehingga belum disimpan.');
    assert.equal(r.en.details![0].message, `The date ${tomorrow} is in the future (today in Depok is ${today}).`);
    assert.equal(r.id.details![0].message, `Tanggal ${tomorrow} belum terjadi (hari ini di Depok ${today}).`);
    assert.equal(r.id.details![0].key, 'covid.dateInFuture');
    assert.equal(r.en.details![1].path, 'body.rt.0.rt');
    assert.equal(r.en.details![1].message, `RT 099 does not exist in RW ${RW} (its RTs: ${rts.join(', ')}).`);
    assert.equal(r.id.details![1].message, `RT 099 tidak ada di RW ${RW} (RT yang terdaftar: ${rts.join(', ')}).`);
  });

  test('plausibility warnings of a saved report follow the language too', async () => {
    const post = (date: string, isolasi: number, headers: Record<string, string>) =>
      env.app.inject({
        method: 'POST',
        url: '/api/covid/reports',
        headers: { ...rwUser.headers, ...headers },
        payload: { rw_code: RW, date, konfirmasi: { isolasi_mandiri: isolasi } },
      });
    assert.equal((await post('2022-03-01', 10, {})).statusCode, 201);
    const id = await post('2022-03-02', 4, ID);
    assert.equal(id.statusCode, 201, id.body);
    assert.deepEqual(id.json().warnings, [
      'Kasus konfirmasi aktif turun 6, tetapi selesai + meninggal hanya naik 0; periksa kembali angkanya.',
    ]);
    const en = await post('2022-03-02', 4, {});
    assert.deepEqual(en.json().warnings, ['Active confirmed cases fell by 6 but selesai + meninggal rose by only 0; check the figures.']);
  });

  test('CSV upload: the summary and each row error', async () => {
    const csv =
      'rw_code,date,konfirmasi_isolasi_mandiri,konfirmasi_dirawat,konfirmasi_selesai,konfirmasi_meninggal\n32.76.01.1006-001,2022-02-20,1,0,0,0\n';
    const r = await both(
      { method: 'POST', url: '/api/covid/reports/import', headers: { ...pkm.headers, 'content-type': 'text/csv' }, payload: csv },
      400,
    );
    assert.equal(r.en.message, '1 row(s) have errors; nothing was imported.');
    assert.equal(r.id.message, '1 baris berisi kesalahan; tidak ada data yang diimpor.');
    assert.equal(r.id.details![0].path, 'row 2');
    assert.equal(r.en.details![0].message, 'rw_code "32.76.01.1006-001" is not an RW code like 32.76.01.1006/005.');
    assert.equal(r.id.details![0].message, 'rw_code "32.76.01.1006-001" bukan kode RW yang sah (contoh: 32.76.01.1006/005).');

    const cols = await both(
      {
        method: 'POST',
        url: '/api/covid/reports/import',
        headers: { ...pkm.headers, 'content-type': 'text/csv' },
        payload: 'rw_code\nx\n',
      },
      400,
    );
    assert.match(cols.en.message, /^The CSV file lacks the column\(s\): date, /);
    assert.match(cols.id.message, /^Berkas CSV tidak memiliki kolom: date, /);
  });

  test('sign-in: wrong password and the rate limit', async () => {
    const addr = nextTestAddress();
    const wrong = await both(
      { method: 'POST', url: '/api/auth/login', payload: { email: rwUser.email, password: 'not-it' }, remoteAddress: addr },
      401,
    );
    assert.equal(wrong.en.message, 'Email or password is wrong.');
    assert.equal(wrong.id.message, 'Email atau kata sandi salah.');

    const app = await buildApp({ ...env.ctx, config: { ...env.ctx.config, LOGIN_RATE_LIMIT_PER_MIN: 1 } }, { logger: false });
    try {
      const req = { method: 'POST' as const, url: '/api/auth/login', payload: { email: 'guess@depok.go.id', password: 'guess' } };
      assert.equal((await app.inject(req)).statusCode, 401);
      const en = await app.inject(req);
      const id = await app.inject({ ...req, headers: { 'accept-language': 'id-ID,id;q=0.9,en;q=0.8' } });
      assert.equal(en.statusCode, 429);
      assert.match(en.json().error.message, /^Too many sign-in attempts\. Wait \d+ seconds and try again\.$/);
      assert.equal(id.statusCode, 429);
      assert.match(id.json().error.message, /^Terlalu banyak percobaan masuk\. Tunggu \d+ detik, lalu coba lagi\.$/);
    } finally {
      await app.close();
    }
  });

  test('not found, access and scope errors', async () => {
    const uuid = '0190f0f0-0000-7000-8000-000000000000';
    const nf = await both({ url: `/api/covid/reports/${uuid}`, headers: pkm.headers }, 404);
    assert.equal(nf.en.message, `Report ${uuid} was not found.`);
    assert.equal(nf.id.message, `Laporan ${uuid} tidak ditemukan.`);

    const route = await both({ url: '/api/no-such-thing' }, 404);
    assert.equal(route.en.message, 'No endpoint GET /api/no-such-thing.');
    assert.equal(route.id.message, 'Endpoint GET /api/no-such-thing tidak ada.');

    const outside = await both(
      { method: 'POST', url: '/api/covid/reports', headers: rwUser.headers, payload: { rw_code: '32.76.01.1006/002', date: '2022-02-20' } },
      403,
    );
    assert.equal(outside.en.message, `Your account is limited to ${RW}; 32.76.01.1006/002 is outside it.`);
    assert.equal(outside.id.message, `Akun Anda terbatas pada wilayah ${RW}; 32.76.01.1006/002 berada di luar wilayah tersebut.`);

    const scope = await both(
      {
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { email: 'baru@depok.go.id', password: 'Depok2026!', role: 'petugas_rw', scope: '32.76.01.1006/999' },
      },
      400,
    );
    assert.match(scope.en.message, /^RW 32\.76\.01\.1006\/999 does not exist\. A petugas_rw account needs an RW code/);
    assert.match(scope.id.message, /^RW 32\.76\.01\.1006\/999 tidak terdaftar\. Akun petugas_rw memerlukan kode RW/);
    assert.equal(scope.id.details![0].path, 'scope');
  });

  test('without Accept-Language (API clients, scripts) the answer is English', async () => {
    const res = await env.app.inject({ url: '/api/wilayah/locate?lat=0&lng=0' });
    assert.equal(res.statusCode, 404, res.body);
    assert.equal(res.json().error.message, 'The point 0, 0 is outside Kota Depok. Pick a point inside the city boundary.');
    const id = await env.app.inject({ url: '/api/wilayah/locate?lat=0&lng=0', headers: ID });
    assert.equal(id.json().error.message, 'Titik 0, 0 berada di luar Kota Depok. Pilih titik di dalam batas kota.');
  });
});
