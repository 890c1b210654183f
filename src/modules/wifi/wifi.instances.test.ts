// Two app instances on one PostgreSQL database: a change made on A must reach B's cached public
// hotspot list through the event bus (NOTIFY), not after some expiry. PGlite is one process, so
// this runs only with DATABASE_URL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, type TestUser } from '../../../test/factories';
import { startPgInstance, waitUntil, type Instance } from '../../../test/platform/platform-helpers';

interface Payload {
  count: number;
  by_state: Record<string, number>;
  fields: string[];
  rows: unknown[][];
}

describe('wifi public cache across instances', { skip: !process.env.DATABASE_URL && 'needs DATABASE_URL (PGlite is one process)' }, () => {
  let a: TestEnv;
  let b: Instance;
  let operator: TestUser;
  before(async () => {
    a = await createTestEnv();
    b = await startPgInstance(a.databaseUrl!);
    operator = await buildUser(a, { role: 'operator_opd', scope: 'diskominfo' });
  });
  after(async () => {
    await b?.close();
    await a?.close();
  });

  const KEL = '32.76.01.1006';
  const getB = async (etag?: string) => {
    const res = await b.app.inject({ url: `/api/wifi/hotspots?kelurahan=${KEL}`, headers: etag ? { 'if-none-match': etag } : {} });
    return { status: res.statusCode, etag: String(res.headers.etag), body: res.statusCode === 200 ? (res.json() as Payload) : undefined };
  };
  const cell = (p: Payload, id: number, field: string) => p.rows.find((r) => r[0] === id)?.[p.fields.indexOf(field)];

  test("a registry edit and a health evaluation on A show up in B's cached list within seconds", async () => {
    const first = await getB();
    assert.equal(first.status, 200);
    const id = first.body!.rows[0][0] as number;
    const original = cell(first.body!, id, 'name') as string;

    // B really serves from memory: a change that bypasses the services (no event) stays unseen.
    await a.database.query(sql`update wifi_hotspot set name = 'Diubah tanpa event' where id = ${id}`);
    await new Promise((r) => setTimeout(r, 300));
    const cached = await getB();
    assert.equal(cell(cached.body!, id, 'name'), original, 'served from the cache');
    assert.equal(cached.etag, first.etag);

    // 1. Registry edit on A → wifi.hotspot.changed → B rebuilds.
    const patch = await a.app.inject({
      method: 'PATCH',
      url: `/api/wifi/registry/hotspots/${id}`,
      headers: operator.headers,
      payload: { name: 'Balai RW Baru (diubah di A)' },
    });
    assert.equal(patch.statusCode, 200, patch.body);
    let seen: Payload | undefined;
    await waitUntil(
      async () => {
        seen = (await getB()).body;
        return cell(seen!, id, 'name') === 'Balai RW Baru (diubah di A)';
      },
      5000,
      'B to show the new name',
    );
    assert.equal((await getB(first.etag)).status, 200, 'the old ETag no longer matches');

    // 2. A health evaluation on A that changes an AP's state → wifi.health.evaluated → B rebuilds.
    const aps = (await a.app.inject({ url: `/api/wifi/access-points?hotspot_id=${id}`, headers: operator.headers })).json() as {
      items: { mac: string }[];
    };
    assert.equal(aps.items.length, 1, 'the demo point has one AP');
    const mac = aps.items[0].mac;
    const now = new Date();
    const ingest = await a.ctx.services.wifi.telemetry.ingest(
      [{ mac, ts: now.toISOString(), clients: 3, rx_bytes: 1, tx_bytes: 1, uptime_s: 60 }],
      'http',
      now,
    );
    assert.equal(ingest.stored, 1);
    assert.equal(cell((await getB()).body!, id, 'state'), 'noService', 'a heartbeat alone changes no state');
    const summary = await a.ctx.services.wifi.health.evaluate(new Date(now.getTime() + 30_000));
    assert.ok(summary.aps_changed >= 1 && summary.hotspots_changed >= 1);
    await waitUntil(
      async () => {
        seen = (await getB()).body;
        return cell(seen!, id, 'state') === 'working';
      },
      5000,
      'B to show the hotspot working',
    );
    assert.equal(seen!.by_state.working, 1);
    // B's other cached reads follow too (nearest uses the same in-memory list).
    const [lat, lng] = [String(cell(seen!, id, 'lat')), String(cell(seen!, id, 'lng'))];
    const near = (await b.app.inject(`/api/wifi/nearest?lat=${lat}&lng=${lng}&limit=1&only=up`)).json() as { id: number }[];
    assert.deepEqual(
      near.map((n) => n.id),
      [id],
    );
  });
});
