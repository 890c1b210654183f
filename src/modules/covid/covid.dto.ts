import { z } from 'zod';
import { zodMessage as t } from '../../platform/i18n';
import { covidMessages as M } from './covid.messages';

// Validation, types and OpenAPI for /api/covid/*. Custom messages come from the catalog (t() keeps
// the English text in the schema; the error handler renders the request's language).

export const DateStr = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, t(M.dateFormat()))
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), t(M.dateNotReal()));
export const RwCode = z.string().regex(/^32\.76\.\d{2}\.\d{4}\/\d{3}$/, t(M.rwCodeFormat()));
export const KelurahanCode = z.string().regex(/^32\.76\.\d{2}\.\d{4}$/, t(M.kelurahanCodeFormat()));
export const AreaCode = z.string().regex(/^32\.76(\.\d{2}(\.\d{4}(\/\d{3})?)?)?$/, t(M.areaCodeFormat()));

const Count = z
  .number({ error: t(M.countNotNumber()) })
  .int(t(M.countNotWhole()))
  .min(0, t(M.countNegative()))
  .max(1_000_000, t(M.countTooLarge()));
const c = () => Count.default(0);

export const Figures = z.strictObject({
  konfirmasi: z.strictObject({ isolasi_mandiri: c(), dirawat: c(), selesai: c(), meninggal: c() }).prefault({}),
  suspek: z.strictObject({ diisolasi: c(), discarded: c(), meninggal: c() }).prefault({}),
  probable: z.strictObject({ diisolasi: c(), selesai: c(), meninggal: c() }).prefault({}),
  kontak_erat: z.strictObject({ dikarantina: c(), discarded: c() }).prefault({}),
});

export const RtHouses = z
  .array(z.strictObject({ rt: z.string().regex(/^\d{1,3}$/, t(M.rtFormat())), rumah_terkonfirmasi: Count }))
  .max(99)
  .describe('Per RT: houses with an active confirmed case in the last 7 days');

export const ReportBody = Figures.extend({
  rw_code: RwCode,
  date: DateStr.describe('Report date (Asia/Jakarta), not in the future'),
  rt: RtHouses.default([]),
  note: z.string().max(1000).optional(),
  submit: z.boolean().optional().describe('Submit for verification right away'),
});
export type ReportInput = z.infer<typeof ReportBody>;

export const PatchBody = z.strictObject({
  konfirmasi: Figures.shape.konfirmasi.unwrap().partial().optional(),
  suspek: Figures.shape.suspek.unwrap().partial().optional(),
  probable: Figures.shape.probable.unwrap().partial().optional(),
  kontak_erat: Figures.shape.kontak_erat.unwrap().partial().optional(),
  rt: RtHouses.optional(),
  note: z.string().max(1000).nullable().optional(),
});
export type PatchInput = z.infer<typeof PatchBody>;

export const IdParams = z.strictObject({ id: z.uuid(t(M.reportIdFormat())) });
export const DeclineBody = z.strictObject({
  reason: z.string().trim().min(3, t(M.declineReason())).max(500),
});
export const ReportStatus = z.enum(['draft', 'submitted', 'verified', 'declined']);
export const ReportsQuery = z.strictObject({
  kelurahan: KelurahanCode.optional(),
  date: DateStr.optional(),
  status: ReportStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const MissingQuery = z.strictObject({ kelurahan: KelurahanCode, date: DateStr.optional() });

const N = z.number().int();
export const Report = z.object({
  id: z.string(),
  rw_code: z.string(),
  kelurahan_code: z.string(),
  kecamatan_code: z.string(),
  date: z.string(),
  status: ReportStatus,
  revision: N,
  konfirmasi: z.object({ isolasi_mandiri: N, dirawat: N, selesai: N, meninggal: N }),
  suspek: z.object({ diisolasi: N, discarded: N, meninggal: N }),
  probable: z.object({ diisolasi: N, selesai: N, meninggal: N }),
  kontak_erat: z.object({ dikarantina: N, discarded: N }),
  rt: z.array(z.object({ rt: z.string(), rumah_terkonfirmasi: N })),
  note: z.string().nullable(),
  decline_reason: z.string().nullable(),
  derived: z.object({ active: N, confirmed_cum: N }),
  submitted_at: z.string().nullable(),
  verified_at: z.string().nullable(),
  updated_at: z.string(),
  warnings: z.array(z.string()).optional().describe('Plausibility warnings (e.g. an impossible drop); the report is still saved'),
  revisions: z
    .array(
      z.object({
        revision: N,
        action: z.string(),
        status: z.string(),
        reason: z.string().nullable(),
        actor: z.string().nullable(),
        at: z.string(),
        figures: z.unknown(),
      }),
    )
    .optional(),
});

export const ImportResult = z.object({
  created: N,
  updated: N,
  unchanged: N,
  reports: z.array(z.object({ id: z.string(), rw_code: z.string(), date: z.string(), status: z.string() })),
});

export const MissingResult = z.object({
  kelurahan: z.string(),
  date: z.string(),
  rw_total: N,
  reported: N,
  missing: z.array(
    z.object({ rw_code: z.string(), number: z.string(), officers: z.array(z.object({ display_name: z.string(), email: z.string() })) }),
  ),
});

export const Rule = z.object({
  id: z.string(),
  regulation: z.string(),
  effective_from: z.string(),
  kuning_max: N,
  oranye_max: N,
  note: z.string().nullable(),
});
export const RuleBody = z.strictObject({
  regulation: z.string().trim().min(3).max(200),
  effective_from: DateStr,
  kuning_max: z.number().int(),
  oranye_max: z.number().int(),
  note: z.string().max(500).optional(),
});

// ---- public ----
export const Level = z.enum(['kota', 'kecamatan', 'kelurahan', 'rw']);
export type Level = z.infer<typeof Level>;
export const SummaryQuery = z.strictObject({ level: Level.default('kota'), code: AreaCode.optional(), date: DateStr.optional() });
export const SeriesQuery = z.strictObject({
  level: Level.default('kota'),
  code: AreaCode.optional(),
  from: DateStr.optional(),
  to: DateStr.optional(),
});
export const MapMetric = z
  .enum(['active', 'per_10k'])
  .describe('What colours the polygons: active cases, or active cases per 10,000 residents (level=kecamatan only)');
export type MapMetric = z.infer<typeof MapMetric>;
export const MapQuery = z.strictObject({
  level: z.enum(['kecamatan', 'kelurahan', 'rw']).default('kelurahan'),
  date: DateStr.optional(),
  metric: MapMetric.default('active'),
});
export const TableQuery = z.strictObject({
  level: z.enum(['kecamatan', 'kelurahan', 'rw']).default('kelurahan'),
  date: DateStr.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export const LocateQuery = z.strictObject({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  radius_km: z.coerce.number().min(0.1, 'radius_km at least 0.1').max(10, 'radius_km at most 10').default(2),
  date: DateStr.optional(),
});
export const PublishedQuery = z.strictObject({
  level: z.enum(['kota', 'kecamatan', 'kelurahan']).optional(),
  code: AreaCode.optional(),
  metric: z.string().max(60).optional(),
});

// ---- information and discussion ----
export const AnnouncementBody = z.strictObject({
  audience: AreaCode,
  title: z.string().trim().min(3).max(200),
  body: z.string().trim().min(3).max(5000),
});
export const AudienceQuery = z.strictObject({
  audience: AreaCode.default('32.76'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const Announcement = z.object({
  id: z.string(),
  audience: z.string(),
  title: z.string(),
  body: z.string(),
  author: z.string(),
  created_at: z.string(),
});
export const EmergencyQuery = z.strictObject({ kelurahan: KelurahanCode.optional() });
export const ForumQuery = z.strictObject({ rw: RwCode, limit: z.coerce.number().int().min(1).max(500).default(200) });
export const PostBody = z.strictObject({
  rw: RwCode,
  body: z.string().trim().min(1, t(M.writeSomething())).max(2000),
  parent_id: z.uuid().optional(),
});
export const HideBody = z.strictObject({ reason: z.string().trim().min(3, t(M.hideReason())).max(300) });
export const Post = z.object({
  id: z.string(),
  rw: z.string(),
  parent_id: z.string().nullable(),
  author: z.string(),
  body: z.string().nullable(),
  hidden: z.boolean(),
  hidden_reason: z.string().nullable(),
  created_at: z.string(),
});
