import { and, asc, desc, eq, gt, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import type { Agg } from './covid.figures';
import { covidDaily, covidDemoRw, covidReport, covidReportRevision, covidZoningRule } from './covid.schema';

// The only place with queries for reports, aggregates, demo series and zoning rules.

export type ReportRow = typeof covidReport.$inferSelect;
export type DailyRow = typeof covidDaily.$inferSelect;

export async function findReport(db: DbOrTx, id: string): Promise<ReportRow | undefined> {
  const [r] = await db.select().from(covidReport).where(eq(covidReport.id, id));
  return r;
}

export async function findReportByRwDate(db: DbOrTx, rwCode: string, date: string): Promise<ReportRow | undefined> {
  const [r] = await db
    .select()
    .from(covidReport)
    .where(and(eq(covidReport.rwCode, rwCode), eq(covidReport.date, date)));
  return r;
}

export async function findReportByKey(db: DbOrTx, userId: string, key: string): Promise<ReportRow | undefined> {
  const [r] = await db
    .select()
    .from(covidReport)
    .where(and(eq(covidReport.createdBy, userId), eq(covidReport.idempotencyKey, key)));
  return r;
}

/** The RW's latest report before a date that is not declined (for drop warnings). */
export async function previousReport(db: DbOrTx, rwCode: string, date: string): Promise<ReportRow | undefined> {
  const [r] = await db
    .select()
    .from(covidReport)
    .where(and(eq(covidReport.rwCode, rwCode), lt(covidReport.date, date), sql`${covidReport.status} <> 'declined'`))
    .orderBy(desc(covidReport.date))
    .limit(1);
  return r;
}

export async function insertReport(tx: DbOrTx, values: typeof covidReport.$inferInsert): Promise<ReportRow> {
  const [r] = await tx.insert(covidReport).values(values).returning();
  return r;
}

export async function updateReport(tx: DbOrTx, id: string, values: Partial<typeof covidReport.$inferInsert>): Promise<ReportRow> {
  const [r] = await tx
    .update(covidReport)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(covidReport.id, id))
    .returning();
  return r;
}

/** Moves a report from one status to another atomically; undefined when it was not in `from`. */
export async function transition(
  tx: DbOrTx,
  id: string,
  from: string[],
  values: Partial<typeof covidReport.$inferInsert>,
): Promise<ReportRow | undefined> {
  const [r] = await tx
    .update(covidReport)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(covidReport.id, id), inArray(covidReport.status, from)))
    .returning();
  return r;
}

export async function insertRevision(tx: DbOrTx, values: typeof covidReportRevision.$inferInsert): Promise<void> {
  await tx.insert(covidReportRevision).values(values);
}

export async function listRevisions(db: DbOrTx, reportId: string) {
  return db.select().from(covidReportRevision).where(eq(covidReportRevision.reportId, reportId)).orderBy(asc(covidReportRevision.id));
}

/** Reports inside a scope code (prefix by the scope nesting rules), filtered. */
export async function listReports(db: Db, q: { scope: string | null; kelurahan?: string; date?: string; status?: string; limit: number }) {
  const conds: SQL[] = [];
  if (q.scope)
    conds.push(
      sql`(${covidReport.rwCode} = ${q.scope} or ${covidReport.rwCode} like ${`${q.scope}.%`} or ${covidReport.rwCode} like ${`${q.scope}/%`})`,
    );
  if (q.kelurahan) conds.push(eq(covidReport.kelurahanCode, q.kelurahan));
  if (q.date) conds.push(eq(covidReport.date, q.date));
  if (q.status) conds.push(eq(covidReport.status, q.status));
  return db
    .select()
    .from(covidReport)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(covidReport.date), asc(covidReport.rwCode))
    .limit(q.limit);
}

/** RW codes of a kelurahan with a submitted or verified report on the date. */
export async function reportedRws(db: Db, kelurahanCode: string, date: string): Promise<Set<string>> {
  const rows = await db
    .select({ rw: covidReport.rwCode })
    .from(covidReport)
    .where(
      and(eq(covidReport.kelurahanCode, kelurahanCode), eq(covidReport.date, date), inArray(covidReport.status, ['submitted', 'verified'])),
    );
  return new Set(rows.map((r) => r.rw));
}

// ---- aggregates ----

export async function getDaily(db: DbOrTx, level: string, code: string, date: string): Promise<DailyRow | undefined> {
  const [r] = await db
    .select()
    .from(covidDaily)
    .where(and(eq(covidDaily.level, level), eq(covidDaily.code, code), eq(covidDaily.date, date)));
  return r;
}

/** The RW's latest verified figures before a date. */
export async function previousRwDaily(db: DbOrTx, rwCode: string, date: string): Promise<DailyRow | undefined> {
  const [r] = await db
    .select()
    .from(covidDaily)
    .where(and(eq(covidDaily.level, 'rw'), eq(covidDaily.code, rwCode), lt(covidDaily.date, date)))
    .orderBy(desc(covidDaily.date))
    .limit(1);
  return r;
}

/** The RW's earliest verified figures after a date. */
export async function nextRwDaily(db: DbOrTx, rwCode: string, date: string): Promise<DailyRow | undefined> {
  const [r] = await db
    .select()
    .from(covidDaily)
    .where(and(eq(covidDaily.level, 'rw'), eq(covidDaily.code, rwCode), gt(covidDaily.date, date)))
    .orderBy(asc(covidDaily.date))
    .limit(1);
  return r;
}

export async function setRwNewCases(tx: DbOrTx, rwCode: string, date: string, newCases: number): Promise<void> {
  await tx
    .update(covidDaily)
    .set({ newCases, updatedAt: new Date() })
    .where(and(eq(covidDaily.level, 'rw'), eq(covidDaily.code, rwCode), eq(covidDaily.date, date)));
}

const aggValues = (a: Agg) => ({
  active: a.active,
  newCases: a.newCases,
  confirmedCum: a.confirmedCum,
  recoveredCum: a.recoveredCum,
  deceasedCum: a.deceasedCum,
  suspekActive: a.suspekActive,
  probableActive: a.probableActive,
  kontakActive: a.kontakActive,
  rtHist: a.rtHist,
  rwReported: a.rwReported,
});

/** Sets an RW's verified figures for a date. */
export async function putRwDaily(tx: DbOrTx, code: string, date: string, a: Agg): Promise<void> {
  const v = aggValues(a);
  await tx
    .insert(covidDaily)
    .values({ level: 'rw', code, date, ...v, demo: false })
    .onConflictDoUpdate({
      target: [covidDaily.level, covidDaily.code, covidDaily.date],
      set: { ...v, demo: false, updatedAt: new Date() },
    });
}

/**
 * Adds a difference to an area's aggregate in one statement (row-level lock, so concurrent verifies
 * in one kelurahan do not lose updates).
 */
export async function addDailyDelta(tx: DbOrTx, level: string, code: string, date: string, d: Agg): Promise<void> {
  const hist = sql.raw(`ARRAY[${d.rtHist.map((x) => Math.trunc(x)).join(',')}]::int[]`);
  await tx.execute(sql`
    insert into covid_daily (level, code, date, active, new_cases, confirmed_cum, recovered_cum, deceased_cum, suspek_active, probable_active, kontak_active, rt_hist, rw_reported, demo)
    values (${level}, ${code}, ${date}, ${d.active}, ${d.newCases}, ${d.confirmedCum}, ${d.recoveredCum}, ${d.deceasedCum}, ${d.suspekActive}, ${d.probableActive}, ${d.kontakActive}, ${hist}, ${d.rwReported}, false)
    on conflict (level, code, date) do update set
      active = covid_daily.active + excluded.active,
      new_cases = covid_daily.new_cases + excluded.new_cases,
      confirmed_cum = covid_daily.confirmed_cum + excluded.confirmed_cum,
      recovered_cum = covid_daily.recovered_cum + excluded.recovered_cum,
      deceased_cum = covid_daily.deceased_cum + excluded.deceased_cum,
      suspek_active = covid_daily.suspek_active + excluded.suspek_active,
      probable_active = covid_daily.probable_active + excluded.probable_active,
      kontak_active = covid_daily.kontak_active + excluded.kontak_active,
      rt_hist = (select array_agg(a + b order by i) from unnest(covid_daily.rt_hist, excluded.rt_hist) with ordinality as t(a, b, i)),
      rw_reported = covid_daily.rw_reported + excluded.rw_reported,
      updated_at = now()`);
}

export async function dailyAt(db: Db, level: string, date: string): Promise<DailyRow[]> {
  return db
    .select()
    .from(covidDaily)
    .where(and(eq(covidDaily.level, level), eq(covidDaily.date, date)))
    .orderBy(asc(covidDaily.code));
}

export async function dailyRange(db: Db, level: string, code: string, from: string, to: string): Promise<DailyRow[]> {
  return db
    .select()
    .from(covidDaily)
    .where(and(eq(covidDaily.level, level), eq(covidDaily.code, code), gte(covidDaily.date, from), lte(covidDaily.date, to)))
    .orderBy(asc(covidDaily.date));
}

/** The latest date with city figures and when they last changed. */
export async function latestDate(db: Db): Promise<{ date: string | null; updatedAt: Date | null }> {
  const [r] = await db
    .select({ date: covidDaily.date, updatedAt: covidDaily.updatedAt })
    .from(covidDaily)
    .where(eq(covidDaily.level, 'kota'))
    .orderBy(desc(covidDaily.date))
    .limit(1);
  return { date: r?.date ?? null, updatedAt: r?.updatedAt ?? null };
}

// ---- demo series ----

export type DemoRwRow = typeof covidDemoRw.$inferSelect;

export async function demoRw(db: DbOrTx, rwCode: string): Promise<DemoRwRow | undefined> {
  const [r] = await db.select().from(covidDemoRw).where(eq(covidDemoRw.rwCode, rwCode));
  return r;
}

/** Every RW's demo figures on day index i (0-based) and the day before. */
export async function demoRwAt(db: Db, i: number) {
  const rows = await db.execute(sql`
    select rw_code, active[${i + 1}] as active, confirmed_cum[${i + 1}] as confirmed_cum, deceased_cum[${i + 1}] as deceased_cum,
      case when ${i} > 0 then confirmed_cum[${i}] end as prev_cum
    from covid_demo_rw order by rw_code`);
  return (rows as { rows: { rw_code: string; active: number; confirmed_cum: number; deceased_cum: number; prev_cum: number | null }[] })
    .rows;
}

export async function insertDemoRw(tx: DbOrTx, rows: (typeof covidDemoRw.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await tx.insert(covidDemoRw).values(rows.slice(i, i + 100));
}

/** Bulk insert of aggregate rows: one statement per chunk with array parameters (fast on PGlite). */
export async function insertDailyBulk(tx: DbOrTx, rows: { level: string; code: string; date: string; a: Agg }[]): Promise<void> {
  const arr = (xs: (string | number)[]) => `{${xs.join(',')}}`;
  for (let i = 0; i < rows.length; i += 20000) {
    const c = rows.slice(i, i + 20000);
    const col = (f: (r: (typeof c)[number]) => string | number) => arr(c.map(f));
    await tx.execute(sql`
      insert into covid_daily (level, code, date, active, new_cases, confirmed_cum, recovered_cum, deceased_cum, suspek_active, probable_active, kontak_active, rw_reported, rt_hist, demo)
      select level, code, date, active, new_cases, confirmed_cum, recovered_cum, deceased_cum, suspek_active, probable_active, kontak_active, rw_reported, hist::int[], true
      from unnest(${col((r) => r.level)}::text[], ${col((r) => r.code)}::text[], ${col((r) => r.date)}::date[], ${col((r) => r.a.active)}::int[],
        ${col((r) => r.a.newCases)}::int[], ${col((r) => r.a.confirmedCum)}::int[], ${col((r) => r.a.recoveredCum)}::int[], ${col((r) => r.a.deceasedCum)}::int[],
        ${col((r) => r.a.suspekActive)}::int[], ${col((r) => r.a.probableActive)}::int[], ${col((r) => r.a.kontakActive)}::int[], ${col((r) => r.a.rwReported)}::int[],
        ${arr(c.map((r) => `"{${r.a.rtHist.join(',')}}"`))}::text[])
        as t(level, code, date, active, new_cases, confirmed_cum, recovered_cum, deceased_cum, suspek_active, probable_active, kontak_active, rw_reported, hist)`);
  }
}

// ---- zoning rules ----

export async function listRules(db: DbOrTx) {
  return db.select().from(covidZoningRule).orderBy(asc(covidZoningRule.effectiveFrom));
}

export async function insertRule(tx: DbOrTx, values: typeof covidZoningRule.$inferInsert) {
  const [r] = await tx.insert(covidZoningRule).values(values).onConflictDoNothing().returning();
  return r;
}
