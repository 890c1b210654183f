import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, type TestUser } from '../../../test/factories';
import { sql } from 'drizzle-orm';
import { listAudit } from '../../platform/audit/audit';

let env: TestEnv;
let operator: TestUser;
let warga: TestUser;

before(async () => {
  env = await createTestEnv();
  operator = await buildUser(env, { role: 'operator_opd', scope: 'diskominfo' });
  warga = await buildUser(env, { role: 'warga' });
});
after(async () => env.close());

describe('wifi demo fleet', () => {
  test('1,834 active hotspots: 128 awal (106 at real offices/puskesmas) + 1,706 PJJ, one AP each, labelled demo', async () => {
    const res = await env.app.inject('/api/wifi/hotspots');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.count, 1834);
    assert.deepEqual(body.fields, ['id', 'name', 'lat', 'lng', 'state', 'category', 'kelurahan_code', 'rw_code']);
    const all = (await env.app.inject({ url: '/api/wifi/registry/hotspots?limit=5000', headers: operator.headers })).json().items as {
      phase: string;
      is_demo: boolean;
      category: string;
      address: string | null;
      location_note: string;
      rw_code: string;
    }[];
    assert.equal(all.length, 1834);
    assert.equal(all.filter((h) => h.phase === 'awal_128').length, 128);
    assert.equal(all.filter((h) => h.phase === 'pjj_2020').length, 1706);
    assert.ok(all.every((h) => h.is_demo && /DEMO/.test(h.location_note)));
    assert.equal(all.filter((h) => ['kantor_kelurahan', 'kantor_kecamatan', 'puskesmas'].includes(h.category)).length, 106);
    assert.equal(all.filter((h) => h.category === 'ruang_publik').length, 22);
    assert.ok(
      all.every((h) => h.rw_code),
      'every point sits in an RW',
    );
    const aps = (await env.app.inject({ url: '/api/wifi/access-points', headers: operator.headers })).json().items;
    assert.equal(aps.length, 1834);
    // Coverage: every RW has points; most have 2 (782 get two PJJ points, the 142 others one + often an awal point).
    const cov = (await env.app.inject({ url: '/api/wifi/coverage', headers: operator.headers })).json() as {
      hotspots: number;
      working: number;
    }[];
    assert.equal(cov.length, 924);
    assert.ok(cov.every((r) => r.hotspots >= 1));
    assert.equal(
      cov.reduce((a, r) => a + r.hotspots, 0),
      1834,
    );
    assert.ok(cov.filter((r) => r.hotspots >= 2).length >= 782 + 100, 'most single-PJJ RWs also hold an awal point');
    // Nothing has reported yet: every RW is below the target of 2 working points, and mapped.
    const below = (
      await env.app.inject({ url: '/api/wifi/coverage?below_target=true&kelurahan=32.76.01.1006', headers: operator.headers })
    ).json() as { gap: number; working: number }[];
    assert.ok(below.length > 0 && below.every((r) => r.gap === 2 && r.working === 0));
    const geo = (await env.app.inject({ url: '/api/wifi/coverage.geojson', headers: operator.headers })).json();
    assert.equal(geo.features.length, 924);
    assert.equal(geo.features[0].geometry.type, 'Point');
    const csv = (await env.app.inject({ url: '/api/wifi/coverage?format=csv', headers: operator.headers })).body;
    assert.match(csv.split('\r\n')[0], /^rw_code,kelurahan_code,kelurahan_name,hotspots,working,target,gap/);
    assert.equal((await env.app.inject({ url: '/api/wifi/coverage', headers: warga.headers })).statusCode, 403);
  });

  test('the public list is cached with an ETag and filters by kelurahan, RW and state', async () => {
    const res = await env.app.inject('/api/wifi/hotspots?kelurahan=32.76.01.1006');
    const etag = String(res.headers.etag);
    assert.ok(res.json().count > 0);
    assert.ok(res.json().rows.every((r: unknown[]) => r[6] === '32.76.01.1006'));
    assert.equal(
      (await env.app.inject({ url: '/api/wifi/hotspots?kelurahan=32.76.01.1006', headers: { 'if-none-match': etag } })).statusCode,
      304,
    );
    const rw = res.json().rows[0][7];
    const byRw = (await env.app.inject(`/api/wifi/hotspots?rw=${encodeURIComponent(rw)}`)).json();
    assert.ok(byRw.count >= 1 && byRw.rows.every((r: unknown[]) => r[7] === rw));
    assert.equal((await env.app.inject('/api/wifi/hotspots?status=working')).json().count, 0, 'nothing reported yet');
    assert.equal((await env.app.inject('/api/wifi/hotspots?kelurahan=nope')).statusCode, 400);
    const gz = await env.app.inject({ url: '/api/wifi/hotspots', headers: { 'accept-encoding': 'br' } });
    assert.equal(gz.headers['content-encoding'], 'br');
  });

  test('the public list says whether its points are demo data (top-level `demo`)', async () => {
    assert.equal((await env.app.inject('/api/wifi/hotspots')).json().demo, true);
    assert.equal(
      (await env.app.inject('/api/wifi/hotspots?status=down')).json().demo,
      true,
      'the same flag for every filter, even an empty result',
    );
    // A registry of real points (here: the demo label removed) is not flagged.
    const flipped = (await env.database.query<{ id: number }>(sql`update wifi_hotspot set is_demo = false where is_demo returning id`)).map(
      (r) => r.id,
    );
    try {
      env.ctx.services.wifi.public.invalidate();
      const real = (await env.app.inject('/api/wifi/hotspots')).json();
      assert.equal(real.demo, false);
      assert.equal(real.count, 1834);
    } finally {
      await env.database.query(sql`update wifi_hotspot set is_demo = true where id = any(${sql.param(flipped)}::int[])`);
      env.ctx.services.wifi.public.invalidate();
    }
    assert.equal((await env.app.inject('/api/wifi/hotspots')).json().demo, true);
  });

  test('nearest: distances in metres, sorted, within Depok', async () => {
    const res = await env.app.inject('/api/wifi/nearest?lat=-6.4&lng=106.82&limit=5');
    assert.equal(res.statusCode, 200);
    const list = res.json() as { distance_m: number; walk_m: number }[];
    assert.equal(list.length, 5);
    for (let i = 1; i < list.length; i++) assert.ok(list[i].distance_m >= list[i - 1].distance_m);
    assert.ok(list[0].distance_m < 1500);
    assert.ok(list[0].walk_m >= list[0].distance_m);
    assert.equal((await env.app.inject('/api/wifi/nearest?lat=-6.4&lng=106.82&only=up')).json().length, 0);
    assert.equal((await env.app.inject('/api/wifi/nearest?lat=abc&lng=106.82')).statusCode, 400);
  });
});

describe('wifi API description', () => {
  test('OpenAPI lists the wifi and ngsi-ld endpoints under their tags', async () => {
    const doc = (await env.app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    for (const p of [
      '/api/wifi/hotspots',
      '/api/wifi/telemetry',
      '/api/wifi/alerts',
      '/api/wifi/sla',
      '/api/wifi/coverage',
      '/api/wifi/usage',
      '/api/wifi/access-points',
    ])
      assert.ok(doc.paths[p], p);
    assert.deepEqual(doc.paths['/api/wifi/telemetry'].post.tags, ['wifi']);
    assert.deepEqual(doc.paths['/ngsi-ld/v1/entities'].get.tags, ['ngsi-ld']);
  });
});

describe('wifi registry CRUD', () => {
  test('create derives kelurahan and RW from the point; edit, audit, delete; access rules', async () => {
    const body = {
      name: 'Taman Test',
      lat: -6.4,
      lng: 106.82,
      category: 'ruang_publik',
      phase: 'pjj_2020',
      ssids: ['WifiDepokBersahabat'],
      provider: 'ISP X',
      bandwidth_mbps: 20,
      opening_hours: '06:00–22:00',
    };
    assert.equal(
      (await env.app.inject({ method: 'POST', url: '/api/wifi/registry/hotspots', headers: warga.headers, payload: body })).statusCode,
      403,
    );
    const res = await env.app.inject({ method: 'POST', url: '/api/wifi/registry/hotspots', headers: operator.headers, payload: body });
    assert.equal(res.statusCode, 201, res.body);
    const h = res.json();
    assert.equal(h.kelurahan_code, '32.76.01.1006');
    assert.match(h.rw_code, /^32\.76\.01\.1006\/\d{3}$/);
    assert.equal(h.status, 'active');
    const outside = await env.app.inject({
      method: 'POST',
      url: '/api/wifi/registry/hotspots',
      headers: operator.headers,
      payload: { ...body, lat: -6.2 },
    });
    assert.equal(outside.statusCode, 400);
    assert.match(outside.json().error.message, /outside Kota Depok/);
    const badRw = await env.app.inject({
      method: 'PATCH',
      url: `/api/wifi/registry/hotspots/${h.id}`,
      headers: operator.headers,
      payload: { rw_code: '32.76.02.1001/001' },
    });
    assert.equal(badRw.statusCode, 400);
    const patched = await env.app.inject({
      method: 'PATCH',
      url: `/api/wifi/registry/hotspots/${h.id}`,
      headers: operator.headers,
      payload: { status: 'maintenance', notes: 'Ganti AP' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().status, 'maintenance');
    const audit = await listAudit(env.database.db, { entity: 'wifi.hotspot', entityId: String(h.id), limit: 10 });
    assert.deepEqual(
      audit.map((a) => a.action),
      ['update', 'create'],
    );

    // AP: MAC normalised and unique.
    const ap = await env.app.inject({
      method: 'POST',
      url: '/api/wifi/access-points',
      headers: operator.headers,
      payload: { mac: 'AA-BB-CC-00-11-22', hotspot_id: h.id, model: 'X1', mgmt_ip: '10.0.0.5' },
    });
    assert.equal(ap.statusCode, 201, ap.body);
    assert.equal(ap.json().mac, 'aa:bb:cc:00:11:22');
    const dup = await env.app.inject({
      method: 'POST',
      url: '/api/wifi/access-points',
      headers: operator.headers,
      payload: { mac: 'aabbcc001122', hotspot_id: h.id },
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(
      (await env.app.inject({ method: 'DELETE', url: `/api/wifi/registry/hotspots/${h.id}`, headers: operator.headers })).statusCode,
      409,
    );
    assert.equal(
      (await env.app.inject({ method: 'DELETE', url: '/api/wifi/access-points/aa:bb:cc:00:11:22', headers: operator.headers })).statusCode,
      204,
    );
    assert.equal(
      (await env.app.inject({ method: 'DELETE', url: `/api/wifi/registry/hotspots/${h.id}`, headers: operator.headers })).statusCode,
      204,
    );
    assert.equal((await env.app.inject(`/api/wifi/hotspots/${h.id}`)).statusCode, 404);
  });

  test('CSV import is all-or-nothing, idempotent by code; export round-trips; GeoJSON export', async () => {
    const bad =
      'code,name,lat,lng,category,phase,ssids\nT-1,Satu,-6.4,106.82,ruang_publik,pjj_2020,A;B\nT-2,Dua,-6.2,106.8,ruang_publik,pjj_2020,\nT-3,Tiga,-6.41,106.83,kafe,pjj_2020,\n';
    const r1 = await env.app.inject({
      method: 'POST',
      url: '/api/wifi/registry/hotspots/import',
      headers: { ...operator.headers, 'content-type': 'text/csv' },
      payload: bad,
    });
    assert.equal(r1.statusCode, 400);
    assert.deepEqual(
      r1.json().error.details.map((d: { path: string }) => d.path.split(' ').slice(0, 2).join(' ')),
      ['row 3', 'row 4'],
    );
    assert.match(r1.json().error.details[1].message, /one of/);
    assert.equal((await env.app.inject({ url: '/api/wifi/registry/hotspots?q=T-1', headers: operator.headers })).json().items.length, 0);
    const good =
      'code,name,lat,lng,category,phase,ssids,provider\nT-1,Satu,-6.4,106.82,ruang_publik,pjj_2020,A;B,ISP\nT-2,Dua,-6.41,106.83,sekolah,pjj_2020,,ISP\n';
    const r2 = await env.app.inject({
      method: 'POST',
      url: '/api/wifi/registry/hotspots/import',
      headers: { ...operator.headers, 'content-type': 'text/csv' },
      payload: good,
    });
    assert.equal(r2.statusCode, 200, r2.body);
    assert.deepEqual(r2.json(), { rows: 2, created: 2, updated: 0 });
    const r3 = await env.app.inject({
      method: 'POST',
      url: '/api/wifi/registry/hotspots/import',
      headers: { ...operator.headers, 'content-type': 'text/csv' },
      payload: good,
    });
    assert.deepEqual(r3.json(), { rows: 2, created: 0, updated: 2 });
    const apCsv = 'mac,hotspot_code,model\n02:aa:00:00:00:01,T-1,M1\n02:aa:00:00:00:02,NOPE,M1\n';
    const a1 = await env.app.inject({
      method: 'POST',
      url: '/api/wifi/access-points/import',
      headers: { ...operator.headers, 'content-type': 'text/csv' },
      payload: apCsv,
    });
    assert.equal(a1.statusCode, 400);
    const a2 = await env.app.inject({
      method: 'POST',
      url: '/api/wifi/access-points/import',
      headers: { ...operator.headers, 'content-type': 'text/csv' },
      payload: apCsv.split('\n').slice(0, 2).join('\n'),
    });
    assert.deepEqual(a2.json(), { rows: 1, created: 1, updated: 0 });

    const exp = await env.app.inject({ url: '/api/wifi/registry/hotspots?format=csv&q=T-', headers: operator.headers });
    assert.match(String(exp.headers['content-type']), /text\/csv/);
    const lines = exp.body.trim().split('\r\n');
    assert.equal(lines.length, 3);
    assert.match(lines[1], /^T-1,Satu,-6\.4,106\.82,/);
    assert.match(lines[1], /A;B/);
    const apExp = await env.app.inject({ url: '/api/wifi/access-points?format=csv', headers: operator.headers });
    assert.equal(apExp.body.trim().split('\r\n').length, 1834 + 2);

    const geo = await env.app.inject('/api/wifi/hotspots.geojson');
    assert.match(String(geo.headers['content-type']), /geo\+json/);
    const fc = geo.json();
    assert.equal(fc.features.length, 1836);
    assert.equal(fc.features[0].geometry.type, 'Point');
  });
});
