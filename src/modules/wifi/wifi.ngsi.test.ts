import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { demoMac } from './wifi.seed';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(async () => env.close());

const ERR = 'https://uri.etsi.org/ngsi-ld/errors/';
const get = (url: string, accept = 'application/ld+json') => env.app.inject({ url, headers: { accept } });

describe('NGSI-LD read interface', () => {
  test('WifiPointOfInterest entities: normalized, keyValues, paging, count header, @context', async () => {
    const res = await get('/ngsi-ld/v1/entities?type=WifiPointOfInterest&limit=3&count=true');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /application\/ld\+json/);
    assert.equal(res.headers['ngsild-results-count'], '1834');
    const list = res.json();
    assert.equal(list.length, 3);
    const e = list[0];
    assert.match(e.id, /^urn:ngsi-ld:WifiPointOfInterest:\d+$/);
    assert.equal(e.type, 'WifiPointOfInterest');
    assert.equal(e.name.type, 'Property');
    assert.equal(e.location.type, 'GeoProperty');
    assert.equal(e.location.value.type, 'Point');
    assert.equal(e.wifiStatus.value, 'noService');
    assert.ok(Array.isArray(e.category.value));
    assert.ok(e['@context'].includes('https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld'));
    const page2 = (await get('/ngsi-ld/v1/entities?type=WifiPointOfInterest&limit=3&offset=3')).json();
    assert.notEqual(page2[0].id, list[0].id);
    const kv = (await get('/ngsi-ld/v1/entities?type=WifiPointOfInterest&limit=1&options=keyValues')).json()[0];
    assert.equal(typeof kv.name, 'string');
    assert.equal(kv.location.type, 'Point');
    assert.equal(kv.address.addressCountry, 'ID');
    const plain = await get('/ngsi-ld/v1/entities?type=WifiPointOfInterest&limit=1', 'application/json');
    assert.match(String(plain.headers['content-type']), /application\/json/);
    assert.match(String(plain.headers.link), /rel="http:\/\/www\.w3\.org\/ns\/json-ld#context"/);
    assert.equal(plain.json()[0]['@context'], undefined);
  });

  test('AccessPoint entities carry macAddress, apState, clientsConnected, dateLastValueReported, refPointOfInterest', async () => {
    const mac = demoMac(7);
    await env.ctx.services.wifi.telemetry.ingest(
      [{ mac, ts: new Date().toISOString(), clients: 9, rx_bytes: 1, tx_bytes: 1, uptime_s: 1 }],
      'http',
    );
    await env.ctx.services.wifi.health.evaluate();
    const res = await get(`/ngsi-ld/v1/entities/urn:ngsi-ld:AccessPoint:${mac}`);
    assert.equal(res.statusCode, 200, res.body);
    const e = res.json();
    assert.equal(e.type, 'AccessPoint');
    assert.equal(e.macAddress.value, mac.toUpperCase());
    assert.equal(e.apState.value, 'up');
    assert.equal(e.clientsConnected.value, 9);
    assert.equal(e.dateLastValueReported.value['@type'], 'DateTime');
    assert.match(e.refPointOfInterest.object, /^urn:ngsi-ld:WifiPointOfInterest:\d+$/);
    const poi = (await get(`/ngsi-ld/v1/entities/${e.refPointOfInterest.object}?options=keyValues`)).json();
    assert.equal(poi.wifiStatus, 'working');
    assert.equal(poi.clientsConnected, 9);
    const aps = await get('/ngsi-ld/v1/entities?type=AccessPoint&limit=1000&count=true&options=keyValues');
    assert.equal(aps.headers['ngsild-results-count'], '1834');
    assert.equal(aps.json().length, 1000);
    assert.ok(aps.json().every((a: { apState: string }) => ['up', 'down'].includes(a.apState)));
  });

  test('georel=near;maxDistance returns only entities within the distance, nearest first', async () => {
    const url = `/ngsi-ld/v1/entities?type=WifiPointOfInterest&georel=${encodeURIComponent('near;maxDistance==500')}&geometry=Point&coordinates=${encodeURIComponent('[106.82,-6.4]')}&options=keyValues&limit=1000`;
    const res = await get(url);
    assert.equal(res.statusCode, 200, res.body);
    const list = res.json() as { location: { coordinates: [number, number] } }[];
    assert.ok(list.length >= 1);
    const nearest = (await env.app.inject('/api/wifi/nearest?lat=-6.4&lng=106.82&limit=50')).json() as { distance_m: number }[];
    assert.equal(list.length, nearest.filter((n) => n.distance_m <= 500).length);
    const unencoded = await get(
      '/ngsi-ld/v1/entities?type=WifiPointOfInterest&georel=near;maxDistance==500&geometry=Point&coordinates=[106.82,-6.4]',
    );
    assert.equal(unencoded.json().length, Math.min(20, list.length));
  });

  test('errors are RFC 7807 problem details with ETSI types', async () => {
    const cases: [string, number, string][] = [
      ['/ngsi-ld/v1/entities', 400, 'BadRequestData'],
      ['/ngsi-ld/v1/entities?type=WifiPointOfInterest&limit=1001', 403, 'TooManyResults'],
      ['/ngsi-ld/v1/entities?type=WifiPointOfInterest&limit=-1', 400, 'BadRequestData'],
      ['/ngsi-ld/v1/entities?type=WifiPointOfInterest&georel=within&geometry=Point&coordinates=[1,2]', 400, 'BadRequestData'],
      [
        '/ngsi-ld/v1/entities?type=WifiPointOfInterest&georel=near;maxDistance==500&geometry=Point&coordinates=[abc]',
        400,
        'BadRequestData',
      ],
      ['/ngsi-ld/v1/entities/urn:ngsi-ld:WifiPointOfInterest:999999', 404, 'ResourceNotFound'],
      ['/ngsi-ld/v1/entities/not-a-uri', 400, 'BadRequestData'],
    ];
    for (const [url, status, kind] of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, status, url);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/, url);
      const body = res.json();
      assert.equal(body.type, `${ERR}${kind}`, url);
      assert.equal(body.status, status);
      assert.ok(body.title && body.detail);
    }
    assert.deepEqual((await get('/ngsi-ld/v1/entities?type=Building')).json(), []);
  });
});
