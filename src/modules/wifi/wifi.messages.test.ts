import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, type TestUser } from '../../../test/factories';
import type { Msg } from '../../platform/i18n';
import { wifiMessages } from './wifi.messages';
import { demoMac } from './wifi.seed';

// The wifi API answers a person in Indonesian with `Accept-Language: id` and in English (the texts
// scripts and the fleet gateways have always seen) without it; codes never depend on the language.

const ID = { 'accept-language': 'id-ID,id;q=0.9,en;q=0.5' };

let env: TestEnv;
let fleet: TestUser;
let operator: TestUser;
let warga: TestUser;

before(async () => {
  env = await createTestEnv();
  fleet = await buildUser(env, { role: 'wifi_fleet' });
  operator = await buildUser(env, { role: 'operator_opd', scope: 'diskominfo' });
  warga = await buildUser(env, { role: 'warga' });
});
after(async () => env.close());

interface Detail {
  path?: string;
  message: string;
  key?: string;
}
interface Err {
  code: string;
  message: string;
  key?: string;
  details?: Detail[];
}

/** Sends the request without and with `Accept-Language: id`; returns both error bodies. */
async function both(req: InjectOptions, status: number) {
  const en = await env.app.inject(req);
  const id = await env.app.inject({ ...req, headers: { ...(req.headers ?? {}), ...ID } });
  assert.equal(en.statusCode, status, en.body);
  assert.equal(id.statusCode, status, id.body);
  assert.equal(id.json().error.code, en.json().error.code, 'the code does not depend on the language');
  return { en: en.json().error as Err, id: id.json().error as Err };
}

const at = (e: Err, path: string) => e.details?.find((d) => d.path === path)?.message;

const hb = (mac: string, ts: Date, over: Record<string, unknown> = {}) => ({
  mac,
  ts: ts.toISOString(),
  clients: 3,
  rx_bytes: 1000,
  tx_bytes: 2000,
  uptime_s: 3600,
  ...over,
});

describe('wifi messages catalog', () => {
  test('every message has an Indonesian text that differs from the English one', () => {
    const sample = new Proxy({}, { get: (_t, k) => (typeof k === 'string' ? `‹${k}›` : undefined) });
    for (const make of Object.values(wifiMessages) as ((p: unknown) => Msg)[]) {
      const msg = make(sample);
      assert.ok(msg.text.en.trim() && msg.text.id.trim(), msg.key);
      assert.notEqual(msg.text.id, msg.text.en, `${msg.key} is not translated`);
    }
  });
});

describe('wifi errors in Indonesian or English', () => {
  test('telemetry: per-item rejections of a 200 answer follow the language; an all-bad batch is a 400', async () => {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const batch = [
      hb(demoMac(7), now),
      hb('zz', now),
      hb(demoMac(7), new Date(now.getTime() - 1000), { clients: -1 }),
      hb(demoMac(7), new Date(now.getTime() + 3600_000)),
      hb(demoMac(7), new Date(now.getTime() - 2000), { ts: true }),
      hb(demoMac(7), new Date(now.getTime() - 3000), { ts: 'kemarin' }),
    ];
    const send = (headers: Record<string, string>, payload: unknown[]) =>
      env.app.inject({ method: 'POST', url: '/api/wifi/telemetry', headers, payload });
    const en = await send(fleet.headers, batch);
    // The same batch again (as in a retry) is all duplicates, so the rejections are the same.
    const id = await send({ ...fleet.headers, ...ID }, batch);
    assert.equal(en.statusCode, 200, en.body);
    assert.equal(id.statusCode, 200, id.body);
    type Rej = { index: number; message: string }[];
    assert.deepEqual(en.json().rejected as Rej, [
      { index: 1, message: 'mac: "zz" is not a MAC address (use aa:bb:cc:dd:ee:ff)' },
      { index: 2, message: 'clients: clients cannot be negative' },
      { index: 3, message: 'ts is more than 5 minutes in the future; check the device clock' },
      { index: 4, message: 'ts: ts must be an ISO 8601 time with offset or unix seconds' },
      { index: 5, message: 'ts: Invalid ISO datetime' },
    ]);
    assert.deepEqual(id.json().rejected as Rej, [
      { index: 1, message: 'mac: Alamat MAC tidak valid: "zz"; gunakan format aa:bb:cc:dd:ee:ff' },
      { index: 2, message: 'clients: clients tidak boleh negatif' },
      { index: 3, message: 'ts lebih dari 5 menit di masa depan; periksa jam perangkat' },
      { index: 4, message: 'ts: ts harus berupa waktu ISO 8601 beserta zona waktunya (offset) atau detik Unix' },
      { index: 5, message: 'ts: tanggal dan waktu format ISO tidak valid' },
    ]);
    assert.equal(en.json().stored + id.json().stored + id.json().duplicates, 2, 'the good item is stored once');

    const bad = await both({ method: 'POST', url: '/api/wifi/telemetry', headers: fleet.headers, payload: [hb('02:de:0c', now)] }, 400);
    assert.equal(bad.en.message, 'All 1 heartbeats were rejected; nothing was stored.');
    assert.equal(bad.id.message, 'Seluruh 1 heartbeat ditolak; tidak ada data yang disimpan.');
    assert.equal(at(bad.en, 'body.0'), 'mac: "02:de:0c" is not a MAC address (use aa:bb:cc:dd:ee:ff)');
    assert.equal(at(bad.id, 'body.0'), 'mac: Alamat MAC tidak valid: "02:de:0c"; gunakan format aa:bb:cc:dd:ee:ff');
    assert.equal(bad.id.details![0].key, 'wifi.itemMacInvalid');

    const empty = await both({ method: 'POST', url: '/api/wifi/telemetry', headers: fleet.headers, payload: [] }, 400);
    assert.equal(empty.en.message, 'The batch is empty; send at least one heartbeat.');
    assert.equal(empty.id.message, 'Batch kosong; kirim minimal satu heartbeat.');
  });

  test('registry CSV imports: row errors in the request language, nothing imported', async () => {
    const csv =
      'code,name,lat,lng,category,phase\n' +
      'M-1,Satu,-6.4,106.82,pasar,pjj_2020\n' +
      'M-2,Dua,-7.5,106.82,sekolah,pjj_2020\n' +
      'M-3,Tiga,-6.4,106.82,sekolah,pjj_2020\n' +
      'M-3,Tiga lagi,-6.41,106.82,sekolah,pjj_2020\n' +
      'M-4,Empat,-6.4,106.82,sekolah,\n';
    const headers = { ...operator.headers, 'content-type': 'text/csv' };
    const r = await both({ method: 'POST', url: '/api/wifi/registry/hotspots/import', headers, payload: csv }, 400);
    assert.equal(r.en.message, '4 row(s) have errors; nothing was imported.');
    assert.equal(r.id.message, '4 baris berisi kesalahan; tidak ada data yang diimpor.');
    assert.match(at(r.en, 'row 2 category')!, /one of kantor_kelurahan, /);
    assert.match(at(r.id, 'row 2 category')!, /^Pilih salah satu: kantor_kelurahan, kantor_kecamatan, /);
    assert.equal(at(r.en, 'row 3'), 'The point -7.5, 106.82 is outside Kota Depok.');
    assert.equal(at(r.id, 'row 3'), 'Titik -7.5, 106.82 berada di luar wilayah Kota Depok.');
    assert.equal(at(r.en, 'row 5'), 'code M-3 appears more than once.');
    assert.equal(at(r.id, 'row 5'), 'Kode M-3 muncul lebih dari sekali.');
    // An empty choice column: English adds the allowed values; zod's Indonesian already lists them.
    assert.match(at(r.en, 'row 6 phase')!, /\(awal_128 or pjj_2020\)$/);
    assert.equal(at(r.id, 'row 6 phase'), 'Pilih salah satu: awal_128, pjj_2020.');
    const list = await env.app.inject({ url: '/api/wifi/registry/hotspots?q=M-', headers: operator.headers });
    assert.equal(list.json().items.filter((h: { code: string }) => /^M-\d$/.test(h.code)).length, 0, 'all-or-nothing');

    const code = (await env.app.inject({ url: '/api/wifi/registry/hotspots?limit=1', headers: operator.headers })).json().items[0]
      .code as string;
    const aps = await both(
      {
        method: 'POST',
        url: '/api/wifi/access-points/import',
        headers,
        payload: `mac,hotspot_code\n02:aa:00:00:00:09,TIDAK-ADA\nbukan-mac,${code}\n`,
      },
      400,
    );
    assert.equal(at(aps.en, 'row 2'), 'Unknown hotspot_code "TIDAK-ADA" (import the hotspots first).');
    assert.equal(at(aps.id, 'row 2'), 'hotspot_code "TIDAK-ADA" tidak terdaftar (impor titik Wi-Fi terlebih dahulu).');
    assert.equal(at(aps.en, 'row 3'), '"bukan-mac" is not a MAC address.');
    assert.equal(at(aps.id, 'row 3'), '"bukan-mac" bukan alamat MAC yang valid.');
  });

  test('unknown hotspot and access point: 404 naming the thing', async () => {
    const h = await both({ url: '/api/wifi/hotspots/999999' }, 404);
    assert.equal(h.en.message, 'Hotspot 999999 was not found.');
    assert.equal(h.id.message, 'Titik Wi-Fi 999999 tidak ditemukan.');
    const ap = await both({ url: '/api/wifi/access-points/02:ff:ff:ff:ff:fe', headers: operator.headers }, 404);
    assert.equal(ap.en.message, 'Access point 02:ff:ff:ff:ff:fe was not found.');
    assert.equal(ap.id.message, 'Titik akses (access point) 02:ff:ff:ff:ff:fe tidak ditemukan.');
    const mac = await both({ url: '/api/wifi/access-points/bukan-mac', headers: operator.headers }, 400);
    assert.equal(mac.en.message, '"bukan-mac" is not a MAC address (use aa:bb:cc:dd:ee:ff).');
    assert.equal(mac.id.message, 'Alamat MAC tidak valid: "bukan-mac". Gunakan format aa:bb:cc:dd:ee:ff.');
  });

  test('an operator-only endpoint asked by a resident: 403 saying which roles it needs', async () => {
    const r = await both({ url: '/api/wifi/coverage', headers: warga.headers }, 403);
    assert.match(r.en.message, /^This needs one of the roles: .*operator_opd.*\. You are signed in as warga\.$/);
    assert.match(r.id.message, /^Tindakan ini memerlukan salah satu peran: .*operator_opd.*\. Anda masuk sebagai warga\.$/);
  });

  test('bad query parameters: dto formats and the checks of the operations service', async () => {
    const sla = await both({ url: '/api/wifi/sla?month=2026-13', headers: operator.headers }, 400);
    assert.equal(at(sla.en, 'querystring.month'), 'Use a month YYYY-MM');
    assert.equal(at(sla.id, 'querystring.month'), 'Tulis bulan dengan format YYYY-MM (tahun-bulan)');
    assert.equal(sla.id.message, 'Isian tidak valid. Periksa kolom yang ditandai.');

    const kel = await both({ url: '/api/wifi/hotspots?kelurahan=1006' }, 400);
    assert.equal(at(kel.en, 'querystring.kelurahan'), 'Use a kelurahan code, e.g. 32.76.01.1006');
    assert.equal(at(kel.id, 'querystring.kelurahan'), 'Tulis kode kelurahan seperti 32.76.01.1006');

    const usage = await both({ url: '/api/wifi/usage?from=2026-02-10&to=2026-02-01', headers: operator.headers }, 400);
    assert.equal(usage.en.message, '`to` must not be before `from`.');
    assert.equal(usage.id.message, '`to` tidak boleh lebih awal daripada `from`.');

    const future = await both({ url: '/api/wifi/sla?month=2999-01', headers: operator.headers }, 400);
    assert.equal(future.en.message, '2999-01 has not started yet.');
    assert.equal(future.id.message, 'Bulan 2999-01 belum dimulai.');

    const alerts = await both({ url: '/api/wifi/alerts?mac=zz', headers: operator.headers }, 400);
    assert.equal(alerts.en.message, '"zz" is not a MAC address.');
    assert.equal(alerts.id.message, '"zz" bukan alamat MAC yang valid.');
  });
});
