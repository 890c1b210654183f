import {
  pgTable,
  text,
  uuid,
  integer,
  date,
  timestamp,
  jsonb,
  boolean,
  bigserial,
  primaryKey,
  index,
  uniqueIndex,
  doublePrecision,
} from 'drizzle-orm/pg-core';

// Kampung Siaga Covid: aggregate figures per RW (and RT houses) per day, never named patients.

/** The twelve national case terms of one daily RW report (Kemenkes 2020 onward). */
const figureColumns = {
  konfIsolasiMandiri: integer('konf_isolasi_mandiri').notNull().default(0),
  konfDirawat: integer('konf_dirawat').notNull().default(0),
  konfSelesai: integer('konf_selesai').notNull().default(0),
  konfMeninggal: integer('konf_meninggal').notNull().default(0),
  suspekDiisolasi: integer('suspek_diisolasi').notNull().default(0),
  suspekDiscarded: integer('suspek_discarded').notNull().default(0),
  suspekMeninggal: integer('suspek_meninggal').notNull().default(0),
  probableDiisolasi: integer('probable_diisolasi').notNull().default(0),
  probableSelesai: integer('probable_selesai').notNull().default(0),
  probableMeninggal: integer('probable_meninggal').notNull().default(0),
  kontakDikarantina: integer('kontak_dikarantina').notNull().default(0),
  kontakDiscarded: integer('kontak_discarded').notNull().default(0),
};

export const covidReport = pgTable(
  'covid_report',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rwCode: text('rw_code').notNull(),
    kelurahanCode: text('kelurahan_code').notNull(),
    kecamatanCode: text('kecamatan_code').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    /** draft | submitted | verified | declined */
    status: text('status').notNull(),
    revision: integer('revision').notNull().default(1),
    ...figureColumns,
    /** RT number → houses with an active confirmed case in the last 7 days. */
    rtHouses: jsonb('rt_houses').$type<Record<string, number>>().notNull(),
    note: text('note'),
    declineReason: text('decline_reason'),
    /** Hash of the figures, RT houses and note: an identical re-send is recognised by it. */
    contentHash: text('content_hash').notNull(),
    idempotencyKey: text('idempotency_key'),
    createdBy: uuid('created_by'),
    verifiedBy: uuid('verified_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('covid_report_rw_date_uq').on(t.rwCode, t.date),
    uniqueIndex('covid_report_idem_uq').on(t.createdBy, t.idempotencyKey),
    index('covid_report_kel_date_idx').on(t.kelurahanCode, t.date),
  ],
);

/** Every state change of a report with the figures at that moment (officials read the history). */
export const covidReportRevision = pgTable(
  'covid_report_revision',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => covidReport.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    action: text('action').notNull(), // created | edited | submitted | verified | declined | corrected | imported
    status: text('status').notNull(),
    figures: jsonb('figures').notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('covid_report_revision_report_idx').on(t.reportId)],
);

/**
 * Public aggregates per level (rw | kelurahan | kecamatan | kota), code and date, maintained in the
 * verify transaction. RW rows exist only for verified reports; demo RW figures live in
 * covid_demo_rw (arrays) and are already summed into the higher levels.
 */
export const covidDaily = pgTable(
  'covid_daily',
  {
    level: text('level').notNull(),
    code: text('code').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    active: integer('active').notNull(),
    newCases: integer('new_cases').notNull(),
    confirmedCum: integer('confirmed_cum').notNull(),
    recoveredCum: integer('recovered_cum').notNull(),
    deceasedCum: integer('deceased_cum').notNull(),
    suspekActive: integer('suspek_active').notNull(),
    probableActive: integer('probable_active').notNull(),
    kontakActive: integer('kontak_active').notNull(),
    /** RT count by houses with cases: index i = i houses, the last bucket = that many or more. */
    rtHist: integer('rt_hist').array().notNull(),
    rwReported: integer('rw_reported').notNull(),
    demo: boolean('demo').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.level, t.code, t.date] })],
);

/** The deterministic demo RW series, one row per RW: arrays indexed by day from `start`. */
export const covidDemoRw = pgTable('covid_demo_rw', {
  rwCode: text('rw_code').primaryKey(),
  kelurahanCode: text('kelurahan_code').notNull(),
  start: date('start', { mode: 'string' }).notNull(),
  active: integer('active').array().notNull(),
  confirmedCum: integer('confirmed_cum').array().notNull(),
  deceasedCum: integer('deceased_cum').array().notNull(),
});

export const covidZoningRule = pgTable('covid_zoning_rule', {
  id: uuid('id').primaryKey().defaultRandom(),
  regulation: text('regulation').notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull().unique(),
  /** hijau = 0 houses; kuning 1..kuningMax; oranye ..oranyeMax; merah above. */
  kuningMax: integer('kuning_max').notNull(),
  oranyeMax: integer('oranye_max').notNull(),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Real published figures (news transcriptions) at the level they were published. */
export const covidPublished = pgTable(
  'covid_published',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    date: date('date', { mode: 'string' }).notNull(),
    level: text('level').notNull(),
    /** Null where the source is ambiguous (e.g. "Curug"); codeInSource keeps what was written. */
    code: text('code'),
    codeInSource: text('code_in_source').notNull(),
    name: text('name').notNull(),
    metric: text('metric').notNull(),
    value: doublePrecision('value').notNull(),
    completeness: text('completeness'),
    note: text('note'),
    sourceUrl: text('source_url').notNull(),
  },
  (t) => [index('covid_published_level_code_idx').on(t.level, t.code)],
);

export const covidPuskesmas = pgTable('covid_puskesmas', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  address: text('address').notNull(),
  phone: text('phone'),
  kecamatanCode: text('kecamatan_code').notNull(),
  source: text('source').notNull(),
});

export const covidAnnouncement = pgTable(
  'covid_announcement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    audienceCode: text('audience_code').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('covid_announcement_audience_idx').on(t.audienceCode, t.createdAt)],
);

export const covidForumPost = pgTable(
  'covid_forum_post',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rwCode: text('rw_code').notNull(),
    parentId: uuid('parent_id'),
    authorId: uuid('author_id').notNull(),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    hidden: boolean('hidden').notNull().default(false),
    hiddenReason: text('hidden_reason'),
    hiddenBy: uuid('hidden_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('covid_forum_rw_idx').on(t.rwCode, t.createdAt), index('covid_forum_author_idx').on(t.authorId, t.createdAt)],
);
