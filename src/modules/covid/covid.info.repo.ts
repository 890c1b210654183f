import { and, asc, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { covidAnnouncement, covidForumPost, covidPublished, covidPuskesmas } from './covid.schema';

// The only place with queries for published history, puskesmas, announcements and the forum.

export async function insertPublished(tx: DbOrTx, rows: (typeof covidPublished.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await tx.insert(covidPublished).values(rows.slice(i, i + 500));
}

export async function listPublished(db: Db, q: { level?: string; code?: string; metric?: string }) {
  const conds: SQL[] = [];
  if (q.level) conds.push(eq(covidPublished.level, q.level));
  if (q.code) conds.push(sql`(${covidPublished.code} = ${q.code} or ${covidPublished.codeInSource} like ${`%${q.code}%`})`);
  if (q.metric) conds.push(eq(covidPublished.metric, q.metric));
  return db
    .select()
    .from(covidPublished)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(covidPublished.date), asc(covidPublished.level), asc(covidPublished.codeInSource), asc(covidPublished.metric));
}

/** Published kelurahan active-case figures with a single kelurahan code (for the demo series). */
export async function publishedKelurahanActive(db: DbOrTx) {
  return db
    .select({ date: covidPublished.date, code: covidPublished.code, value: covidPublished.value })
    .from(covidPublished)
    .where(
      and(eq(covidPublished.level, 'kelurahan'), eq(covidPublished.metric, 'confirmed_active'), sql`${covidPublished.code} is not null`),
    );
}

export async function insertPuskesmas(tx: DbOrTx, rows: (typeof covidPuskesmas.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(covidPuskesmas).values(rows);
}

export async function puskesmasOfKecamatan(db: Db, kecamatanCode: string) {
  return db.select().from(covidPuskesmas).where(eq(covidPuskesmas.kecamatanCode, kecamatanCode)).orderBy(asc(covidPuskesmas.name));
}

export async function insertAnnouncement(tx: DbOrTx, values: typeof covidAnnouncement.$inferInsert) {
  const [r] = await tx.insert(covidAnnouncement).values(values).returning();
  return r;
}

export async function announcementsFor(db: Db, audiences: string[], limit: number) {
  return db
    .select()
    .from(covidAnnouncement)
    .where(inArray(covidAnnouncement.audienceCode, audiences))
    .orderBy(desc(covidAnnouncement.createdAt))
    .limit(limit);
}

export async function insertPost(tx: DbOrTx, values: typeof covidForumPost.$inferInsert) {
  const [r] = await tx.insert(covidForumPost).values(values).returning();
  return r;
}

export async function findPost(db: DbOrTx, id: string) {
  const [r] = await db.select().from(covidForumPost).where(eq(covidForumPost.id, id));
  return r;
}

export async function countPostsSince(db: DbOrTx, authorId: string, since: Date): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(covidForumPost)
    .where(and(eq(covidForumPost.authorId, authorId), gte(covidForumPost.createdAt, since)));
  return r?.n ?? 0;
}

export async function listPosts(db: Db, rwCode: string, limit: number) {
  return db.select().from(covidForumPost).where(eq(covidForumPost.rwCode, rwCode)).orderBy(asc(covidForumPost.createdAt)).limit(limit);
}

export async function hidePost(tx: DbOrTx, id: string, by: string, reason: string) {
  const [r] = await tx
    .update(covidForumPost)
    .set({ hidden: true, hiddenReason: reason, hiddenBy: by })
    .where(eq(covidForumPost.id, id))
    .returning();
  return r;
}
