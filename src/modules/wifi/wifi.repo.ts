import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { wifiAccessPoint, wifiHotspot } from './wifi.schema';

// Registry queries: hotspots and access points.

export type HotspotRow = typeof wifiHotspot.$inferSelect;
export type HotspotInsert = typeof wifiHotspot.$inferInsert;
export type ApRow = typeof wifiAccessPoint.$inferSelect;
export type ApInsert = typeof wifiAccessPoint.$inferInsert;

export interface HotspotFilter {
  q?: string;
  kelurahan?: string;
  rw?: string;
  status?: string;
  phase?: string;
  category?: string;
  afterId?: number;
  limit?: number;
}

export async function listHotspots(db: DbOrTx, f: HotspotFilter = {}): Promise<HotspotRow[]> {
  const conds: SQL[] = [];
  if (f.q)
    conds.push(or(ilike(wifiHotspot.name, `%${f.q}%`), ilike(wifiHotspot.code, `%${f.q}%`), ilike(wifiHotspot.address, `%${f.q}%`))!);
  if (f.kelurahan) conds.push(eq(wifiHotspot.kelurahanCode, f.kelurahan));
  if (f.rw) conds.push(eq(wifiHotspot.rwCode, f.rw));
  if (f.status) conds.push(eq(wifiHotspot.status, f.status));
  if (f.phase) conds.push(eq(wifiHotspot.phase, f.phase));
  if (f.category) conds.push(eq(wifiHotspot.category, f.category));
  if (f.afterId) conds.push(gt(wifiHotspot.id, f.afterId));
  const q = db
    .select()
    .from(wifiHotspot)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(wifiHotspot.id));
  return f.limit ? q.limit(f.limit) : q;
}

export async function getHotspot(db: DbOrTx, id: number): Promise<HotspotRow | undefined> {
  const [row] = await db.select().from(wifiHotspot).where(eq(wifiHotspot.id, id));
  return row;
}

export async function hotspotsByCode(db: DbOrTx, codes: string[]): Promise<HotspotRow[]> {
  if (!codes.length) return [];
  return db.select().from(wifiHotspot).where(inArray(wifiHotspot.code, codes));
}

export async function insertHotspot(db: DbOrTx, v: HotspotInsert): Promise<HotspotRow> {
  const [row] = await db.insert(wifiHotspot).values(v).returning();
  return row;
}

export async function insertHotspots(db: DbOrTx, vs: HotspotInsert[]): Promise<{ id: number; code: string }[]> {
  const out: { id: number; code: string }[] = [];
  for (let i = 0; i < vs.length; i += 500) {
    out.push(
      ...(await db
        .insert(wifiHotspot)
        .values(vs.slice(i, i + 500))
        .returning({ id: wifiHotspot.id, code: wifiHotspot.code })),
    );
  }
  return out;
}

/** Inserts or updates hotspots by code; returns id and whether each row was new. */
export async function upsertHotspots(db: DbOrTx, vs: HotspotInsert[]) {
  const out: { id: number; code: string; inserted: boolean }[] = [];
  for (let i = 0; i < vs.length; i += 500) {
    const r = await db
      .insert(wifiHotspot)
      .values(vs.slice(i, i + 500))
      .onConflictDoUpdate({
        target: wifiHotspot.code,
        set: {
          name: sql`excluded.name`,
          lat: sql`excluded.lat`,
          lng: sql`excluded.lng`,
          locationNote: sql`excluded.location_note`,
          address: sql`excluded.address`,
          kelurahanCode: sql`excluded.kelurahan_code`,
          rwCode: sql`excluded.rw_code`,
          category: sql`excluded.category`,
          phase: sql`excluded.phase`,
          provider: sql`excluded.provider`,
          bandwidthMbps: sql`excluded.bandwidth_mbps`,
          ssids: sql`excluded.ssids`,
          installedOn: sql`excluded.installed_on`,
          status: sql`excluded.status`,
          openingHours: sql`excluded.opening_hours`,
          notes: sql`excluded.notes`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: wifiHotspot.id, code: wifiHotspot.code, inserted: sql<boolean>`(xmax = 0)` });
    out.push(...r);
  }
  return out;
}

export async function updateHotspot(db: DbOrTx, id: number, v: Partial<HotspotInsert>): Promise<HotspotRow | undefined> {
  const [row] = await db
    .update(wifiHotspot)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(wifiHotspot.id, id))
    .returning();
  return row;
}

export async function deleteHotspot(db: DbOrTx, id: number): Promise<void> {
  await db.delete(wifiHotspot).where(eq(wifiHotspot.id, id));
}

export async function apsOfHotspots(db: DbOrTx, hotspotIds: number[]): Promise<ApRow[]> {
  if (!hotspotIds.length) return [];
  return db.select().from(wifiAccessPoint).where(inArray(wifiAccessPoint.hotspotId, hotspotIds)).orderBy(asc(wifiAccessPoint.id));
}

export async function listAps(db: DbOrTx, f: { hotspotId?: number; health?: string; afterId?: number; limit?: number } = {}) {
  const conds: SQL[] = [];
  if (f.hotspotId) conds.push(eq(wifiAccessPoint.hotspotId, f.hotspotId));
  if (f.health) conds.push(eq(wifiAccessPoint.health, f.health));
  if (f.afterId) conds.push(gt(wifiAccessPoint.id, f.afterId));
  const q = db
    .select({
      ap: wifiAccessPoint,
      hotspotCode: wifiHotspot.code,
      hotspotName: wifiHotspot.name,
      kelurahanCode: wifiHotspot.kelurahanCode,
      rwCode: wifiHotspot.rwCode,
      provider: wifiHotspot.provider,
      hotspotStatus: wifiHotspot.status,
    })
    .from(wifiAccessPoint)
    .innerJoin(wifiHotspot, eq(wifiHotspot.id, wifiAccessPoint.hotspotId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(wifiAccessPoint.id));
  return f.limit ? q.limit(f.limit) : q;
}

export async function getApByMac(db: DbOrTx, mac: string): Promise<ApRow | undefined> {
  const [row] = await db.select().from(wifiAccessPoint).where(eq(wifiAccessPoint.mac, mac));
  return row;
}

export async function insertAp(db: DbOrTx, v: ApInsert): Promise<ApRow> {
  const [row] = await db.insert(wifiAccessPoint).values(v).returning();
  return row;
}

export async function insertAps(db: DbOrTx, vs: ApInsert[]): Promise<void> {
  for (let i = 0; i < vs.length; i += 1000) await db.insert(wifiAccessPoint).values(vs.slice(i, i + 1000));
}

export async function upsertAps(db: DbOrTx, vs: ApInsert[]) {
  const out: { id: number; mac: string; inserted: boolean }[] = [];
  for (let i = 0; i < vs.length; i += 500) {
    out.push(
      ...(await db
        .insert(wifiAccessPoint)
        .values(vs.slice(i, i + 500))
        .onConflictDoUpdate({
          target: wifiAccessPoint.mac,
          set: {
            hotspotId: sql`excluded.hotspot_id`,
            serial: sql`excluded.serial`,
            model: sql`excluded.model`,
            firmware: sql`excluded.firmware`,
            mgmtIp: sql`excluded.mgmt_ip`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: wifiAccessPoint.id, mac: wifiAccessPoint.mac, inserted: sql<boolean>`(xmax = 0)` })),
    );
  }
  return out;
}

export async function updateAp(db: DbOrTx, mac: string, v: Partial<ApInsert>): Promise<ApRow | undefined> {
  const [row] = await db
    .update(wifiAccessPoint)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(wifiAccessPoint.mac, mac))
    .returning();
  return row;
}

export async function deleteAp(db: DbOrTx, mac: string): Promise<void> {
  await db.delete(wifiAccessPoint).where(eq(wifiAccessPoint.mac, mac));
}

export async function countHotspots(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(wifiHotspot);
  return Number(r.n);
}
