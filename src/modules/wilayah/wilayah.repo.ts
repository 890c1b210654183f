import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { kecamatan, kelurahan, rt, rw } from './wilayah.schema';

// The only place with queries for the wilayah tables.

export async function listKecamatan(db: Db) {
  return db
    .select({
      code: kecamatan.code,
      name: kecamatan.name,
      areaKm2: kecamatan.areaKm2,
      rwCount: kecamatan.rwCount,
      kelurahanCount: sql<number>`(select count(*)::int from kelurahan k where k.kecamatan_code = "kecamatan"."code")`,
    })
    .from(kecamatan)
    .orderBy(asc(kecamatan.code));
}

const kelurahanColumns = {
  code: kelurahan.code,
  name: kelurahan.name,
  kecamatanCode: kelurahan.kecamatanCode,
  kecamatanName: kecamatan.name,
  postalCode: kelurahan.postalCode,
  areaKm2: kelurahan.areaKm2,
  centroidLat: kelurahan.centroidLat,
  centroidLng: kelurahan.centroidLng,
  rwCount: sql<number>`(select count(*)::int from rw r where r.kelurahan_code = "kelurahan"."code")`,
};

export async function listKelurahan(db: Db, kecamatanCode?: string) {
  return db
    .select(kelurahanColumns)
    .from(kelurahan)
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .where(kecamatanCode ? eq(kelurahan.kecamatanCode, kecamatanCode) : undefined)
    .orderBy(asc(kelurahan.code));
}

export async function getKelurahan(db: Db, code: string) {
  const [row] = await db
    .select(kelurahanColumns)
    .from(kelurahan)
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .where(eq(kelurahan.code, code));
  return row;
}

export async function kecamatanExists(db: Db, code: string): Promise<boolean> {
  const r = await db.select({ code: kecamatan.code }).from(kecamatan).where(eq(kecamatan.code, code));
  return r.length > 0;
}

export async function listRw(db: Db, kelurahanCode: string) {
  return db
    .select({
      code: rw.code,
      number: rw.number,
      kelurahanCode: rw.kelurahanCode,
      lat: rw.lat,
      lng: rw.lng,
      estimated: rw.estimated,
      rtCount: sql<number>`(select count(*)::int from rt t where t.rw_code = "rw"."code")`,
    })
    .from(rw)
    .where(eq(rw.kelurahanCode, kelurahanCode))
    .orderBy(asc(rw.code));
}

export async function listAllRwPoints(db: Db) {
  return db
    .select({ code: rw.code, number: rw.number, kelurahanCode: rw.kelurahanCode, lat: rw.lat, lng: rw.lng })
    .from(rw)
    .orderBy(asc(rw.code));
}

export async function getRw(db: Db, code: string) {
  const [row] = await db.select().from(rw).where(eq(rw.code, code));
  return row;
}

export async function listRtNumbers(db: Db, rwCode: string): Promise<string[]> {
  const rows = await db.select({ number: rt.number }).from(rt).where(eq(rt.rwCode, rwCode)).orderBy(asc(rt.number));
  return rows.map((r) => r.number);
}

export async function kecamatanBoundaries(db: Db) {
  return db
    .select({
      code: kecamatan.code,
      name: kecamatan.name,
      areaKm2: kecamatan.areaKm2,
      rwCount: kecamatan.rwCount,
      boundary: kecamatan.boundary,
    })
    .from(kecamatan)
    .orderBy(asc(kecamatan.code));
}

export async function kelurahanBoundaries(db: Db) {
  return db
    .select({ ...kelurahanColumns, boundary: kelurahan.boundary })
    .from(kelurahan)
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .orderBy(asc(kelurahan.code));
}

export async function kelurahanCodes(db: DbOrTx): Promise<Set<string>> {
  const rows = await db.select({ code: kelurahan.code }).from(kelurahan);
  return new Set(rows.map((r) => r.code));
}

/** Replaces the RW/RT registry of the given kelurahan inside the caller's transaction. */
export async function replaceRegistry(
  tx: DbOrTx,
  kelurahanList: string[],
  rws: (typeof rw.$inferInsert)[],
  rts: (typeof rt.$inferInsert)[],
): Promise<{ removedRw: number }> {
  const keep = rws.map((r) => r.code);
  const removed = await tx
    .delete(rw)
    .where(and(inArray(rw.kelurahanCode, kelurahanList), keep.length ? notInArray(rw.code, keep) : undefined))
    .returning({ code: rw.code });
  for (let i = 0; i < rws.length; i += 500) {
    await tx
      .insert(rw)
      .values(rws.slice(i, i + 500))
      .onConflictDoUpdate({
        target: rw.code,
        set: { headName: sql`excluded.head_name`, lat: sql`excluded.lat`, lng: sql`excluded.lng`, estimated: sql`excluded.estimated` },
      });
  }
  await tx.delete(rt).where(inArray(rt.rwCode, keep));
  for (let i = 0; i < rts.length; i += 1000) await tx.insert(rt).values(rts.slice(i, i + 1000));
  return { removedRw: removed.length };
}
