import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser } from '../../../test/factories';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(async () => env.close());

describe('wilayah', () => {
  test('11 kecamatan whose RW counts are the published 924', async () => {
    const res = await env.app.inject('/api/wilayah/kecamatan');
    assert.equal(res.statusCode, 200);
    const list = res.json() as { code: string; rw_count: number; kelurahan_count: number }[];
    assert.equal(list.length, 11);
    assert.equal(
      list.reduce((a, k) => a + k.rw_count, 0),
      924,
    );
    assert.equal(
      list.reduce((a, k) => a + k.kelurahan_count, 0),
      63,
    );
  });

  test('kelurahan RW estimates add up to each kecamatan count', async () => {
    const kec = (await env.app.inject('/api/wilayah/kecamatan')).json() as { code: string; rw_count: number }[];
    for (const k of kec) {
      const kels = (await env.app.inject(`/api/wilayah/kelurahan?kecamatan=${k.code}`)).json() as { rw_count: number }[];
      assert.equal(
        kels.reduce((a, x) => a + x.rw_count, 0),
        k.rw_count,
        k.code,
      );
      assert.ok(kels.every((x) => x.rw_count >= 1));
    }
  });

  test('GeoJSON of 63 kelurahan with an ETag and 304 on revalidation', async () => {
    const res = await env.app.inject('/api/wilayah/kelurahan.geojson');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /geo\+json/);
    const fc = res.json() as { features: { properties: { code: string; postal_code: string; rw_count: number } }[] };
    assert.equal(fc.features.length, 63);
    const depok = fc.features.find((f) => f.properties.code === '32.76.01.1006')!;
    assert.equal(depok.properties.postal_code, '16431');
    const etag = String(res.headers.etag);
    const again = await env.app.inject({ url: '/api/wilayah/kelurahan.geojson', headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    const gz = await env.app.inject({ url: '/api/wilayah/kelurahan.geojson', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    const kec = (await env.app.inject('/api/wilayah/kecamatan.geojson')).json() as { features: unknown[] };
    assert.equal(kec.features.length, 11);
  });

  test('locate finds kelurahan Depok (Pancoran Mas) and its nearest RW', async () => {
    const res = await env.app.inject('/api/wilayah/locate?lat=-6.4&lng=106.82');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.kelurahan.code, '32.76.01.1006');
    assert.equal(body.kecamatan.name, 'Pancoran Mas');
    assert.match(body.rw.code, /^32\.76\.01\.1006\/\d{3}$/);
  });

  test('locate outside Depok is a 404 with a message; out-of-range is a 400', async () => {
    const out = await env.app.inject('/api/wilayah/locate?lat=-6.2&lng=106.8'); // Jakarta
    assert.equal(out.statusCode, 404);
    assert.match(out.json().error.message, /outside Kota Depok/);
    const bad = await env.app.inject('/api/wilayah/locate?lat=91&lng=106.8');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'validation_failed');
    const nan = await env.app.inject('/api/wilayah/locate?lat=abc&lng=106.8');
    assert.equal(nan.statusCode, 400);
  });

  test('unknown region codes are 404 or 400, never 500', async () => {
    assert.equal((await env.app.inject('/api/wilayah/kelurahan?kecamatan=32.76.99')).statusCode, 404);
    assert.equal((await env.app.inject('/api/wilayah/kelurahan?kecamatan=xyz')).statusCode, 400);
    assert.equal((await env.app.inject('/api/wilayah/rw?kelurahan=32.76.01.9999')).statusCode, 404);
    assert.equal((await env.app.inject('/api/wilayah/kelurahan/32.76.01.9999')).statusCode, 404);
  });

  test('RW import replaces a kelurahan registry all-or-nothing', async () => {
    const svc = env.ctx.services.wilayah;
    const bad = 'kelurahan_code,rw,rt_count\n32.76.01.1007,1,5\n32.76.01.9999,2,3\n32.76.01.1007,3,0\n';
    await assert.rejects(svc.importRwCsv(null, bad), (e: { details: { path: string }[] }) => {
      assert.deepEqual(
        e.details.map((d) => d.path),
        ['row 3', 'row 4'],
      );
      return true;
    });
    const before = (await env.app.inject('/api/wilayah/rw?kelurahan=32.76.01.1007')).json() as unknown[];
    assert.equal(before.length, 8, 'nothing written by the failed import');
    // The real registry keeps the 8 RWs (hotspots and reports hang off them) with real RT counts.
    const good = `kelurahan_code,rw,rt_count,head_name\n${Array.from({ length: 8 }, (_, i) => `32.76.01.1007,${i + 1},${i + 3},${i === 0 ? 'Pak A' : ''}`).join('\n')}\n`;
    const r = await svc.importRwCsv(null, good);
    assert.deepEqual(r, { kelurahan: 1, rw: 8, rt: 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10, removed_rw: 0 });
    const after = (await env.app.inject('/api/wilayah/rw?kelurahan=32.76.01.1007')).json() as { estimated: boolean; rt_count: number }[];
    assert.deepEqual(
      after.map((x) => [x.estimated, x.rt_count]),
      [3, 4, 5, 6, 7, 8, 9, 10].map((n) => [false, n]),
    );
  });

  test('an import that would drop RWs with data attached is a 409 and changes nothing', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/wilayah/rw/import',
      headers: { ...(await buildUser(env, { role: 'admin' })).headers, 'content-type': 'text/csv' },
      payload: 'kelurahan_code,rw,rt_count\n32.76.01.1008,1,5\n',
    });
    assert.equal(res.statusCode, 409);
    assert.match(res.json().error.message, /still have data/);
    const rws = (await env.app.inject('/api/wilayah/rw?kelurahan=32.76.01.1008')).json() as { estimated: boolean }[];
    assert.ok(rws.length > 1 && rws.every((x) => x.estimated));
  });

  test('RW import needs an admin', async () => {
    const csv = { 'content-type': 'text/csv' };
    const anon = await env.app.inject({
      method: 'POST',
      url: '/api/wilayah/rw/import',
      headers: csv,
      payload: 'kelurahan_code,rw,rt_count\n',
    });
    assert.equal(anon.statusCode, 401);
    const warga = await buildUser(env, { role: 'warga' });
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/wilayah/rw/import',
      headers: { ...warga.headers, ...csv },
      payload: 'kelurahan_code,rw,rt_count\n32.76.01.1008,1,5\n',
    });
    assert.equal(res.statusCode, 403);
  });
});
