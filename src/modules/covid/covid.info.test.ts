import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, type TestUser } from '../../../test/factories';
import { audienceChain } from './covid.info';
import { publicEventPrefixes } from '../../platform/events/sse.routes';

let env: TestEnv;
let rwUser: TestUser;
let dinkes: TestUser;
let warga: TestUser;
const RW = '32.76.01.1006/001';

before(async () => {
  env = await createTestEnv();
  rwUser = await buildUser(env, { role: 'petugas_rw', scope: RW, displayName: 'Bu Sri' });
  dinkes = await buildUser(env, { role: 'dinkes', scope: '32.76' });
  warga = await buildUser(env, { role: 'warga', displayName: 'Andi' });
});
after(async () => env.close());

const post = (u: TestUser | null, url: string, payload: unknown) =>
  env.app.inject({ method: 'POST', url, payload: payload as object, headers: u?.headers ?? {} });

describe('covid information and discussion', () => {
  test('announcements by audience; an RW feed includes its kelurahan, kecamatan and city', async () => {
    assert.deepEqual(audienceChain(RW), ['32.76', '32.76.01', '32.76.01.1006', RW]);
    const seen: string[] = [];
    const off = env.ctx.events.subscribe((e) => seen.push(e.type));
    assert.equal(
      (await post(dinkes, '/api/covid/announcements', { audience: '32.76', title: 'Vaksinasi massal', body: 'Sabtu di GOR' })).statusCode,
      201,
    );
    assert.equal(
      (await post(dinkes, '/api/covid/announcements', { audience: '32.76.02', title: 'Cimanggis only', body: 'Tes swab' })).statusCode,
      201,
    );
    assert.equal(
      (await post(rwUser, '/api/covid/announcements', { audience: RW, title: 'Kerja bakti', body: 'Minggu pagi <jam 7> & bawa masker' }))
        .statusCode,
      201,
    );
    assert.equal(
      (await post(rwUser, '/api/covid/announcements', { audience: '32.76.01.1006/002', title: 'Other RW', body: 'nope' })).statusCode,
      403,
    );
    assert.equal((await post(warga, '/api/covid/announcements', { audience: RW, title: 'Hi there', body: 'nope' })).statusCode, 403);
    const feed = (await env.app.inject(`/api/covid/announcements?audience=${encodeURIComponent(RW)}`)).json();
    assert.deepEqual(feed.map((a: { title: string }) => a.title).sort(), ['Kerja bakti', 'Vaksinasi massal']);
    await new Promise((r) => setTimeout(r, 50));
    off();
    assert.ok(seen.includes('covid.announcement.created'));
    assert.ok(publicEventPrefixes().includes('covid.'), 'covid events are public on the SSE stream');

    const atom = await env.app.inject(`/api/covid/announcements.atom?audience=${encodeURIComponent(RW)}`);
    assert.equal(atom.statusCode, 200);
    assert.match(String(atom.headers['content-type']), /application\/atom\+xml/);
    assert.match(atom.body, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    assert.match(atom.body, /<entry>[\s\S]*<id>urn:uuid:[0-9a-f-]{36}<\/id>[\s\S]*<updated>\d{4}-\d{2}-\d{2}T/);
    assert.match(atom.body, /&lt;jam 7&gt; &amp; bawa masker/);
    assert.equal((atom.body.match(/<entry>/g) ?? []).length, 2);
  });

  test('emergency numbers and the puskesmas of the kelurahan (reference data)', async () => {
    const e = (await env.app.inject('/api/covid/emergency?kelurahan=32.76.01.1006')).json();
    assert.deepEqual(
      e.numbers.map((n: { number: string }) => n.number),
      ['112', '119'],
    );
    assert.ok(e.puskesmas.length >= 1);
    assert.ok(e.puskesmas.every((p: { kecamatan_code: string }) => p.kecamatan_code === '32.76.01'));
    assert.equal((await env.app.inject('/api/covid/emergency?kelurahan=32.76.01.9999')).statusCode, 404);
  });

  test('forum: signed-in post and reply, author display name only, moderation, rate limit', async () => {
    assert.equal((await post(null, '/api/covid/forum', { rw: RW, body: 'hello' })).statusCode, 401);
    const p1 = await post(warga, '/api/covid/forum', { rw: RW, body: 'Ada info vaksin?' });
    assert.equal(p1.statusCode, 201, p1.body);
    assert.equal(p1.json().author, 'Andi');
    assert.ok(!('author_id' in p1.json()));
    const reply = await post(rwUser, '/api/covid/forum', { rw: RW, body: 'Sabtu di balai RW', parent_id: p1.json().id });
    assert.equal(reply.json().parent_id, p1.json().id);
    const other = await buildUser(env, { role: 'petugas_rw', scope: '32.76.01.1006/002' });
    assert.equal((await post(other, `/api/covid/forum/${p1.json().id}/hide`, { reason: 'spam' })).statusCode, 403);
    assert.equal((await post(warga, `/api/covid/forum/${p1.json().id}/hide`, { reason: 'spam' })).statusCode, 403);
    const h = await post(rwUser, `/api/covid/forum/${p1.json().id}/hide`, { reason: 'Berisi nomor HP' });
    assert.equal(h.statusCode, 200);
    const list = (await env.app.inject(`/api/covid/forum?rw=${encodeURIComponent(RW)}`)).json();
    assert.equal(list[0].hidden, true);
    assert.equal(list[0].body, null);
    assert.equal(list[0].hidden_reason, 'Berisi nomor HP');
    for (let i = 0; i < 4; i++) assert.equal((await post(warga, '/api/covid/forum', { rw: RW, body: `pesan ${i}` })).statusCode, 201);
    const limited = await post(warga, '/api/covid/forum', { rw: RW, body: 'one too many' });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, 'rate_limited');
  });
});
