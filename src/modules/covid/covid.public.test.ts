import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, type TestUser } from '../../../test/factories';

let env: TestEnv;
let pkm: TestUser;
const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ url, headers });

before(async () => {
  env = await createTestEnv();
  pkm = await buildUser(env, { role: 'puskesmas', scope: '32.76.01' });
});
after(async () => env.close());

describe('covid public information center', () => {
  test('city summary: latest demo date, cards with change, data as of, cached with ETag', async () => {
    const res = await get('/api/covid/summary');
    assert.equal(res.statusCode, 200);
    const s = res.json();
    assert.equal(s.date, '2022-03-01');
    assert.equal(s.previous_date, '2022-02-28');
    assert.equal(s.demo, true);
    assert.ok(s.data_as_of);
    const active = s.cards.find((c: { id: string }) => c.id === 'active');
    assert.ok(active.value > 1000);
    assert.equal(typeof active.change, 'number');
    assert.equal(s.rule.regulation, 'Inmendagri 14/2021');
    const z = s.rt_zones;
    assert.equal(z.hijau + z.kuning + z.oranye + z.merah, 5293, 'every RT of the city is zoned');
    const again = await env.app.inject({ url: '/api/covid/summary', headers: { 'if-none-match': String(res.headers.etag) } });
    assert.equal(again.statusCode, 304);
  });

  test('demo series matches the complete published kelurahan snapshots exactly', async () => {
    const pubd = (await get('/api/covid/published?level=kelurahan')).json();
    assert.ok(pubd.sources.length > 5);
    for (const date of ['2021-10-23', '2021-12-07', '2021-12-15']) {
      const t = (await get(`/api/covid/table?level=kelurahan&date=${date}`)).json();
      const byCode = new Map<string, number>(t.rows.map((r: { code: string; active: number }) => [r.code, r.active]));
      const rows = pubd.rows.filter((r: { date: string; code: string | null }) => r.date === date && r.code);
      assert.ok(rows.length >= 61);
      for (const r of rows) assert.equal(byCode.get(r.code), r.value, `${date} ${r.code}`);
    }
    const ambiguous = pubd.rows.filter((r: { code: string | null }) => r.code === null);
    assert.ok(ambiguous.length >= 1);
    assert.match(ambiguous[0].note, /Ambiguous/);
    assert.match(ambiguous[0].code_in_source, /\|/);
  });

  test('July 2021 Delta wave is visible in the city series', async () => {
    const s = (await get('/api/covid/series?level=kota&from=2021-05-01&to=2021-09-30')).json();
    const peak = s.points.reduce((a: { active: number }, b: { active: number }) => (b.active > a.active ? b : a));
    assert.match(peak.date, /^2021-07/);
    assert.ok(s.points.every((p: { new_cases: number }) => p.new_cases >= 0));
  });

  test('RW figures 1–4 are masked for the public and exact for officials (CSV too)', async () => {
    const t = (await get('/api/covid/table?level=rw&date=2021-12-15')).json();
    assert.equal(t.rows.length, 924);
    assert.ok(t.rows.some((r: { active: unknown }) => r.active === '1–4'));
    assert.ok(!t.rows.some((r: { active: unknown }) => typeof r.active === 'number' && r.active >= 1 && r.active <= 4));
    const csv = await get('/api/covid/table?level=rw&date=2021-12-15&format=csv');
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines[0], t.columns.join(','));
    assert.equal(lines.length, 925);
    assert.ok(csv.body.includes('1–4'));
    const official = (await get('/api/covid/table?level=rw&date=2021-12-15', pkm.headers)).json();
    assert.ok(!official.rows.some((r: { active: unknown }) => r.active === '1–4'));
    const rwSeries = (
      await get(`/api/covid/series?level=rw&code=${encodeURIComponent('32.76.01.1006/001')}&from=2021-12-01&to=2021-12-31`)
    ).json();
    assert.equal(rwSeries.points.length, 31);
  });

  test('map: GeoJSON with figures, colours and the legend; RW points by zone', async () => {
    const m = (await get('/api/covid/map?level=kelurahan&date=2021-07-12')).json();
    assert.equal(m.type, 'FeatureCollection');
    assert.equal(m.features.length, 63);
    assert.equal(m.legend.field, 'active');
    const colours = new Set(m.legend.buckets.map((b: { colour: string }) => b.colour));
    assert.ok(m.features.every((f: { properties: { colour: string } }) => colours.has(f.properties.colour)));
    assert.ok(m.features[0].geometry.type.includes('Polygon'));
    const rw = (await get('/api/covid/map?level=rw&date=2021-07-12')).json();
    assert.equal(rw.features.length, 924);
    assert.ok(
      rw.features.every((f: { properties: { zone: string } }) => ['hijau', 'kuning', 'oranye', 'merah'].includes(f.properties.zone)),
    );
    const early = (await get('/api/covid/map?level=rw&date=2020-06-01')).json();
    assert.equal(early.features[0].properties.zone, null, 'no PPKM-mikro zoning before 2021-02-09');
    assert.equal((await get('/api/covid/map?level=kota')).statusCode, 400);
  });

  test('per 10,000 residents at kecamatan level (map metric, summary, table, fields); kelurahan stays absolute', async () => {
    const abs = (await get('/api/covid/map?level=kecamatan&date=2021-07-12')).json();
    assert.equal(abs.legend.field, 'active');
    const m = (await get('/api/covid/map?level=kecamatan&date=2021-07-12&metric=per_10k')).json();
    assert.equal(m.metric, 'per_10k');
    assert.equal(m.legend.field, 'per_10k');
    assert.match(m.legend.population_source.label_id, /BNPB/);
    assert.match(m.legend.population_source.vintage_note, /vintage not stated/);
    assert.equal(m.legend.population_source.total, 1857734);
    const pm = m.features.find((f: { properties: { code: string } }) => f.properties.code === '32.76.01').properties;
    assert.equal(pm.population, 232418, 'Pancoran Mas, BNPB 2020');
    assert.equal(pm.per_10k, Math.round((pm.active / 232418) * 1e6) / 100);
    // Colours follow the rate, not the count: every feature sits in the bucket its per_10k falls in.
    for (const f of m.features) {
      const b = m.legend.buckets.find((x: { min: number; max: number | null }) => x.max === null || f.properties.per_10k <= x.max);
      assert.equal(f.properties.colour, b.colour, f.properties.code);
    }
    assert.ok(
      new Set(m.features.map((f: { properties: { colour: string } }) => f.properties.colour)).size > 1,
      'rates spread over buckets',
    );
    assert.equal(m.kota.population, 1857734);
    assert.equal(m.kota.per_10k, Math.round((m.kota.active / 1857734) * 1e6) / 100);
    const kel = await get('/api/covid/map?level=kelurahan&metric=per_10k');
    assert.equal(kel.statusCode, 400);
    assert.match(kel.json().message ?? kel.body, /kecamatan only/);
    assert.equal((await get('/api/covid/map?level=kelurahan&date=2021-07-12')).json().features[0].properties.per_10k, undefined);

    const s = (await get('/api/covid/summary?level=kecamatan&code=32.76.01&date=2021-07-12')).json();
    const active = s.cards.find((c: { id: string }) => c.id === 'active').value;
    assert.equal(active, pm.active);
    assert.equal(s.population, 232418);
    assert.equal(s.per_10k, pm.per_10k);
    assert.match(s.population_source.label_en, /BNPB/);
    const city = (await get('/api/covid/summary?date=2021-07-12')).json();
    assert.equal(city.per_10k, m.kota.per_10k);
    assert.equal((await get('/api/covid/summary?level=kelurahan&code=32.76.01.1006&date=2021-07-12')).json().per_10k, null);

    const t = (await get('/api/covid/table?level=kecamatan&date=2021-07-12')).json();
    assert.ok(t.columns.includes('per_10k') && t.columns.includes('population'));
    assert.equal(t.rows.find((r: { code: string }) => r.code === '32.76.01').per_10k, pm.per_10k);
    assert.equal(
      t.rows.reduce((a: number, r: { population: number }) => a + r.population, 0),
      1857734,
    );
    const csv = (await get('/api/covid/table?level=kecamatan&date=2021-07-12&format=csv')).body.split('\r\n');
    assert.equal(csv[0], t.columns.join(','));
    assert.ok(!(await get('/api/covid/table?level=kelurahan&date=2021-07-12')).json().columns.includes('per_10k'));
    const fields = (await get('/api/covid/fields')).json().fields;
    assert.match(fields.find((f: { id: string }) => f.id === 'per_10k').text_en, /Kelurahan and RW stay absolute/);
    assert.equal((await get('/api/covid/published?level=kecamatan&metric=population')).json().rows.length, 11);
  });

  test('locate: kelurahan, RW, zone and RWs within 2 km', async () => {
    const l = (await get('/api/covid/locate?lat=-6.4&lng=106.82&date=2021-07-12')).json();
    assert.equal(l.kelurahan.code, '32.76.01.1006');
    assert.ok(l.rw.zone);
    assert.ok(l.nearby.rw_count > 3);
    assert.ok(l.nearby.rws.every((r: { distance_m: number }) => r.distance_m <= 2000));
    assert.equal((await get('/api/covid/locate?lat=-6.2&lng=106.8')).statusCode, 404);
  });

  test('zoning rules: an admin adds a rule set; it applies from its date', async () => {
    const admin = await buildUser(env, { role: 'admin' });
    const rules = (await get('/api/covid/zoning-rules')).json();
    assert.deepEqual(
      rules.map((r: { regulation: string }) => r.regulation),
      ['Inmendagri 3/2021', 'Inmendagri 14/2021'],
    );
    const body = { regulation: 'Test rule', effective_from: '2022-02-01', kuning_max: 10, oranye_max: 15 };
    assert.equal(
      (await env.app.inject({ method: 'POST', url: '/api/covid/zoning-rules', headers: pkm.headers, payload: body })).statusCode,
      403,
    );
    assert.equal(
      (
        await env.app.inject({
          method: 'POST',
          url: '/api/covid/zoning-rules',
          headers: admin.headers,
          payload: { ...body, oranye_max: 5 },
        })
      ).statusCode,
      400,
    );
    const before = (await get('/api/covid/summary?date=2022-02-18')).json();
    const r = await env.app.inject({ method: 'POST', url: '/api/covid/zoning-rules', headers: admin.headers, payload: body });
    assert.equal(r.statusCode, 201, r.body);
    const after = (await get('/api/covid/summary?date=2022-02-18')).json();
    assert.equal(after.rule.regulation, 'Test rule');
    assert.ok(after.rt_zones.merah < before.rt_zones.merah);
    assert.equal((await get('/api/covid/summary?date=2022-01-31')).json().rule.regulation, 'Inmendagri 14/2021');
  });

  test('fields are documented in Indonesian and English; bad input is a 400, unknown area 404', async () => {
    const f = (await get('/api/covid/fields')).json();
    assert.ok(f.fields.length >= 10);
    assert.ok(f.fields.every((x: { id: string; text_id: string; text_en: string }) => x.id && x.text_id && x.text_en));
    assert.equal((await get('/api/covid/summary?level=kelurahan')).statusCode, 400);
    assert.equal((await get('/api/covid/summary?level=kelurahan&code=32.76.01.9999')).statusCode, 404);
    assert.equal((await get('/api/covid/summary?level=kelurahan&code=32.76.01')).statusCode, 400);
    assert.equal((await get('/api/covid/series?level=kota&from=2022-01-01&to=2021-01-01')).statusCode, 400);
  });
});
