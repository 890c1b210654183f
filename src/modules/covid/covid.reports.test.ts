import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, type TestUser } from '../../../test/factories';
import { todayJakarta } from './covid.reports';

let env: TestEnv;
let rwUser: TestUser;
let otherRw: TestUser;
let pkm: TestUser;
let pkmOther: TestUser;
let dinkes: TestUser;
let rts: string[];
const RW = '32.76.01.1006/001';
const RW2 = '32.76.01.1006/002';
const KEL = '32.76.01.1006';

const body = (over: Record<string, unknown> = {}) => ({
  rw_code: RW,
  date: '2022-02-20',
  konfirmasi: { isolasi_mandiri: 6, dirawat: 1, selesai: 30, meninggal: 1 },
  suspek: { diisolasi: 2 },
  kontak_erat: { dikarantina: 9 },
  rt: [{ rt: rts[0], rumah_terkonfirmasi: 3 }],
  ...over,
});

before(async () => {
  env = await createTestEnv();
  rwUser = await buildUser(env, { role: 'petugas_rw', scope: RW, displayName: 'Bu Sri' });
  otherRw = await buildUser(env, { role: 'petugas_rw', scope: RW2, displayName: 'Pak Budi' });
  pkm = await buildUser(env, { role: 'puskesmas', scope: '32.76.01' });
  pkmOther = await buildUser(env, { role: 'puskesmas', scope: '32.76.02' });
  dinkes = await buildUser(env, { role: 'dinkes', scope: '32.76' });
  rts = (await env.ctx.services.wilayah.findRw(RW))!.rtNumbers;
});
after(async () => env.close());

const post = (u: TestUser | null, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...(u?.headers ?? {}), ...headers } });

describe('covid reports', () => {
  test('draft → submitted → verified; the figure becomes public at once; history kept', async () => {
    const sumUrl = `/api/covid/summary?level=kelurahan&code=${KEL}&date=2022-02-20`;
    const pub0 = (await env.app.inject(sumUrl)).json();
    const active0 = pub0.cards.find((c: { id: string }) => c.id === 'active').value as number;
    const rwBefore = (
      await env.app.inject({ url: `/api/covid/summary?level=rw&code=${encodeURIComponent(RW)}&date=2022-02-20`, headers: pkm.headers })
    ).json();
    const rwActive0 = rwBefore.cards.find((c: { id: string }) => c.id === 'active').value as number;

    const created = await post(rwUser, '/api/covid/reports', body());
    assert.equal(created.statusCode, 201, created.body);
    const r = created.json();
    assert.equal(r.status, 'draft');
    assert.equal(r.derived.active, 7);
    assert.equal(r.rt.length, rts.length, 'every RT of the RW gets a value');

    // Unverified figures are not public.
    assert.equal((await env.app.inject(sumUrl)).json().cards.find((c: { id: string }) => c.id === 'active').value, active0);
    assert.equal((await env.app.inject('/api/covid/reports')).statusCode, 401);

    assert.equal((await post(rwUser, `/api/covid/reports/${r.id}/submit`)).json().status, 'submitted');
    const v = await post(pkm, `/api/covid/reports/${r.id}/verify`);
    assert.equal(v.statusCode, 200, v.body);
    assert.equal(v.json().status, 'verified');

    const pub1 = (await env.app.inject(sumUrl)).json();
    assert.equal(pub1.cards.find((c: { id: string }) => c.id === 'active').value, active0 - rwActive0 + 7);
    const city = (await env.app.inject('/api/covid/summary?date=2022-02-20')).json();
    assert.equal(city.level, 'kota');

    // A correction after verification is a new revision; the public keeps the verified figures until re-verified.
    const corr = await post(
      rwUser,
      '/api/covid/reports',
      body({ konfirmasi: { isolasi_mandiri: 8, dirawat: 1, selesai: 30, meninggal: 1 }, submit: true }),
    );
    assert.equal(corr.statusCode, 200, corr.body);
    assert.equal(corr.json().revision, 2);
    assert.equal(corr.json().status, 'submitted');
    assert.equal((await env.app.inject(sumUrl)).json().cards.find((c: { id: string }) => c.id === 'active').value, active0 - rwActive0 + 7);
    await post(dinkes, `/api/covid/reports/${r.id}/verify`);
    assert.equal((await env.app.inject(sumUrl)).json().cards.find((c: { id: string }) => c.id === 'active').value, active0 - rwActive0 + 9);

    const hist = (await env.app.inject({ url: `/api/covid/reports/${r.id}`, headers: pkm.headers })).json();
    assert.deepEqual(
      hist.revisions.map((x: { action: string }) => x.action),
      ['created', 'submitted', 'verified', 'corrected', 'submitted', 'verified'],
    );
    assert.equal((await env.app.inject({ url: `/api/covid/reports/${r.id}`, headers: otherRw.headers })).statusCode, 403);
  });

  test('new cases derive from consecutive reports, also when an earlier day is verified later', async () => {
    const mk = async (date: string, isolasi: number, selesai: number) => {
      const r = (
        await post(
          rwUser,
          '/api/covid/reports',
          body({ date, konfirmasi: { isolasi_mandiri: isolasi, dirawat: 0, selesai, meninggal: 0 }, submit: true }),
        )
      ).json();
      assert.equal((await post(pkm, `/api/covid/reports/${r.id}/verify`)).statusCode, 200);
    };
    await mk('2022-02-12', 10, 20); // confirmed 30
    await mk('2022-02-11', 8, 18); // confirmed 26, verified afterwards
    const s = (
      await env.app.inject({
        url: `/api/covid/series?level=rw&code=${encodeURIComponent(RW)}&from=2022-02-11&to=2022-02-12`,
        headers: pkm.headers,
      })
    ).json();
    assert.deepEqual(s.points.map((p: { confirmed_cum: number; new_cases: number }) => [p.confirmed_cum, p.new_cases]).at(-1), [30, 4]);
    const pub = (await env.app.inject(`/api/covid/series?level=rw&code=${encodeURIComponent(RW)}&from=2022-02-12&to=2022-02-12`)).json();
    assert.equal(pub.points[0].new_cases, '1–4', 'the public sees small RW counts as 1–4');
  });

  test('idempotent re-sends: same key or identical content gives the same report', async () => {
    const b = body({ date: '2022-02-21' });
    const a1 = await post(rwUser, '/api/covid/reports', b, { 'idempotency-key': 'k-1' });
    assert.equal(a1.statusCode, 201);
    const a2 = await post(rwUser, '/api/covid/reports', b, { 'idempotency-key': 'k-1' });
    assert.equal(a2.statusCode, 200);
    assert.equal(a2.json().id, a1.json().id);
    const a3 = await post(rwUser, '/api/covid/reports', b);
    assert.equal(a3.json().id, a1.json().id);
    // Concurrent identical sends (a flaky connection retrying) still make one report.
    const b2 = body({ date: '2022-02-19' });
    const same = await Promise.all([1, 2, 3].map(() => post(rwUser, '/api/covid/reports', b2)));
    assert.ok(
      same.every((x) => x.statusCode < 300),
      same.map((x) => x.body).join(),
    );
    assert.equal(new Set(same.map((x) => x.json().id)).size, 1);
    const list = (await env.app.inject({ url: `/api/covid/reports?kelurahan=${KEL}&date=2022-02-21`, headers: pkm.headers })).json();
    assert.equal(list.length, 1);
  });

  test('validation: negative, future date, unknown RT are clear 400s; an impossible drop is a warning', async () => {
    const neg = await post(rwUser, '/api/covid/reports', body({ date: '2022-02-10', konfirmasi: { isolasi_mandiri: -1 } }));
    assert.equal(neg.statusCode, 400);
    assert.match(neg.body, /cannot be negative/);
    const fut = await post(rwUser, '/api/covid/reports', body({ date: '2099-01-01' }));
    assert.equal(fut.statusCode, 400);
    assert.match(fut.json().error.details[0].message, /in the future/);
    const rt = await post(rwUser, '/api/covid/reports', body({ date: '2022-02-10', rt: [{ rt: '099', rumah_terkonfirmasi: 1 }] }));
    assert.equal(rt.statusCode, 400);
    assert.match(rt.json().error.details[0].message, /RT 099 does not exist/);
    // Previous report (2022-02-21) had 7 active, 30 selesai, 1 meninggal; now active 2 with no outcome moves.
    const drop = await post(
      rwUser,
      '/api/covid/reports',
      body({ date: '2022-02-22', konfirmasi: { isolasi_mandiri: 2, dirawat: 0, selesai: 30, meninggal: 1 } }),
    );
    assert.equal(drop.statusCode, 201);
    assert.match(drop.json().warnings[0], /fell by 5/);
    const ok = await post(
      rwUser,
      '/api/covid/reports',
      body({ date: '2022-02-23', konfirmasi: { isolasi_mandiri: 1, dirawat: 0, selesai: 31, meninggal: 1 } }),
    );
    assert.deepEqual(ok.json().warnings, []);
  });

  test('roles and scope: other RW 403, other kecamatan cannot verify, decline needs a reason', async () => {
    assert.equal((await post(otherRw, '/api/covid/reports', body({ date: '2022-02-24' }))).statusCode, 403);
    assert.equal((await post(null, '/api/covid/reports', body({ date: '2022-02-24' }))).statusCode, 401);
    const r = (await post(rwUser, '/api/covid/reports', body({ date: '2022-02-24', submit: true }))).json();
    assert.equal(r.status, 'submitted');
    assert.equal((await post(pkmOther, `/api/covid/reports/${r.id}/verify`)).statusCode, 403);
    assert.equal((await post(rwUser, `/api/covid/reports/${r.id}/verify`)).statusCode, 403);
    assert.equal((await post(pkm, `/api/covid/reports/${r.id}/decline`, {})).statusCode, 400);
    const d = await post(pkm, `/api/covid/reports/${r.id}/decline`, { reason: 'RT 002 missing' });
    assert.equal(d.json().status, 'declined');
    assert.equal(d.json().decline_reason, 'RT 002 missing');
    // The petugas fixes the declined draft and re-submits.
    const p = await env.app.inject({
      method: 'PATCH',
      url: `/api/covid/reports/${r.id}`,
      headers: rwUser.headers,
      payload: { konfirmasi: { dirawat: 2 } },
    });
    assert.equal(p.statusCode, 200, p.body);
    assert.equal(p.json().konfirmasi.dirawat, 2);
    assert.equal(p.json().status, 'draft');
    assert.equal(
      (await env.app.inject({ method: 'PATCH', url: `/api/covid/reports/${r.id}`, headers: otherRw.headers, payload: {} })).statusCode,
      403,
    );
  });

  test('CSV import is all-or-nothing with row errors, then creates submitted reports', async () => {
    const head = 'rw_code,date,konfirmasi_isolasi_mandiri,konfirmasi_dirawat,konfirmasi_selesai,konfirmasi_meninggal,rt_houses\n';
    const bad = `${head}${RW2},2022-02-25,3,0,5,0,${rts[0]}:1\n${RW2},2099-01-01,1,0,0,0,\n32.76.02.1001/001,2022-02-25,1,0,0,0,\n${RW2},2022-02-26,-2,0,0,0,\n`;
    const r1 = await env.app.inject({
      method: 'POST',
      url: '/api/covid/reports/import',
      headers: { ...pkm.headers, 'content-type': 'text/csv' },
      payload: bad,
    });
    assert.equal(r1.statusCode, 400);
    assert.deepEqual(
      r1.json().error.details.map((d: { path: string }) => d.path),
      ['row 3', 'row 4', 'row 5'],
    );
    const none = (await env.app.inject({ url: `/api/covid/reports?kelurahan=${KEL}&date=2022-02-25`, headers: pkm.headers })).json();
    assert.equal(none.length, 0);
    const good = `${head}${RW2},2022-02-25,3,0,5,0,${rts[0]}:1\n${RW},2022-02-25,1,0,0,0,\n`;
    const r2 = await env.app.inject({
      method: 'POST',
      url: '/api/covid/reports/import',
      headers: { ...pkm.headers, 'content-type': 'text/csv' },
      payload: good,
    });
    assert.equal(r2.statusCode, 200, r2.body);
    assert.equal(r2.json().created, 2);
    assert.ok(r2.json().reports.every((x: { status: string }) => x.status === 'submitted'));
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/covid/reports/import',
      headers: { ...pkm.headers, 'content-type': 'text/csv' },
      payload: good,
    });
    assert.equal(again.json().unchanged, 2);
    assert.equal(
      (
        await env.app.inject({
          method: 'POST',
          url: '/api/covid/reports/import',
          headers: { ...rwUser.headers, 'content-type': 'text/csv' },
          payload: good,
        })
      ).statusCode,
      403,
    );
  });

  test('RWs that have not reported today, with the officer contact', async () => {
    const today = todayJakarta();
    await post(rwUser, '/api/covid/reports', body({ date: today, submit: true }));
    const res = await env.app.inject({ url: `/api/covid/missing?kelurahan=${KEL}&date=${today}`, headers: pkm.headers });
    assert.equal(res.statusCode, 200, res.body);
    const m = res.json();
    assert.equal(m.reported, 1);
    assert.equal(m.missing.length, m.rw_total - 1);
    const rw2 = m.missing.find((x: { rw_code: string }) => x.rw_code === RW2);
    assert.deepEqual(rw2.officers, [{ display_name: 'Pak Budi', email: otherRw.email }]);
    assert.ok(!m.missing.some((x: { rw_code: string }) => x.rw_code === RW));
    assert.equal((await env.app.inject({ url: `/api/covid/missing?kelurahan=${KEL}`, headers: pkmOther.headers })).statusCode, 403);
    assert.equal((await env.app.inject({ url: `/api/covid/missing?kelurahan=${KEL}`, headers: rwUser.headers })).statusCode, 403);
  });
});

describe('covid caches across instances', () => {
  test(
    'a verify on one instance refreshes the public summary of another (PostgreSQL NOTIFY)',
    { skip: !process.env.DATABASE_URL && 'PGlite is single-process' },
    async () => {
      const { openPostgres } = await import('../../db/client');
      const { openPlatform } = await import('../../platform/boot');
      const { buildApp } = await import('../../app');
      const pino = (await import('pino')).default;
      const database = await openPostgres(env.databaseUrl!, 3);
      const other = await openPlatform(env.config, { purpose: 'test-b', log: pino({ level: 'silent' }), database });
      const appB = await buildApp(other.ctx, { logger: false });
      await appB.ready();
      try {
        const url = `/api/covid/summary?level=kelurahan&code=${KEL}&date=2022-02-27`;
        const activeB = async () => (await appB.inject(url)).json().cards.find((c: { id: string }) => c.id === 'active').value as number;
        const before = await activeB(); // now cached on B
        const rwNow = (
          await env.app.inject({ url: `/api/covid/summary?level=rw&code=${encodeURIComponent(RW)}&date=2022-02-27`, headers: pkm.headers })
        ).json();
        const rwActive = rwNow.cards.find((c: { id: string }) => c.id === 'active').value as number;
        const r = (
          await post(
            rwUser,
            '/api/covid/reports',
            body({
              date: '2022-02-27',
              konfirmasi: { isolasi_mandiri: rwActive + 11, dirawat: 0, selesai: 40, meninggal: 1 },
              submit: true,
            }),
          )
        ).json();
        assert.equal((await post(pkm, `/api/covid/reports/${r.id}/verify`)).statusCode, 200);
        const t0 = Date.now();
        while ((await activeB()) !== before + 11) {
          assert.ok(Date.now() - t0 < 3000, 'instance B did not drop its cache within 3 s');
          await new Promise((res) => setTimeout(res, 20));
        }
      } finally {
        await appB.close();
        await other.close();
      }
    },
  );
});
