import { z } from 'zod';
import { zodMessage as t } from '../../platform/i18n';
import { wifiMessages as M } from './wifi.messages';

export const CATEGORIES = [
  'kantor_kelurahan',
  'kantor_kecamatan',
  'balai_rw',
  'sekolah',
  'masjid',
  'ruang_publik',
  'puskesmas',
  'posyandu',
  'lainnya',
] as const;
export const PHASES = ['awal_128', 'pjj_2020'] as const;
export const STATUSES = ['planned', 'active', 'maintenance', 'decommissioned'] as const;
export const STATES = ['working', 'workingPartially', 'totalFailure', 'noService'] as const;
export const HEALTHS = ['OK', 'PROBLEM', 'CRITICAL', 'UNKNOWN'] as const;

const KelurahanCode = z.string().regex(/^32\.76\.\d{2}\.\d{4}$/, t(M.kelurahanCodeFormat()));
const RwCode = z.string().regex(/^32\.76\.\d{2}\.\d{4}\/\d{3}$/, t(M.rwCodeFormat()));
const Lat = z.number().min(-90).max(90);
const Lng = z.number().min(-180).max(180);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, t(M.dayFormat()));
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, t(M.monthFormat()));
const Format = z.enum(['json', 'csv']).default('json');

export const HotspotInput = z.strictObject({
  code: z.string().trim().min(1).max(80).optional().describe('Stable key; generated when omitted'),
  name: z.string().trim().min(2).max(200),
  lat: Lat,
  lng: Lng,
  address: z.string().trim().max(300).nullish(),
  kelurahan_code: KelurahanCode.optional().describe('Derived from the point when omitted'),
  rw_code: RwCode.nullish().describe('Derived (nearest RW of the kelurahan) when omitted'),
  category: z.enum(CATEGORIES),
  phase: z.enum(PHASES),
  provider: z.string().trim().max(100).nullish(),
  bandwidth_mbps: z.number().int().min(1).max(100_000).nullish(),
  ssids: z.array(z.string().trim().min(1).max(32)).max(8).default([]),
  installed_on: Day.nullish(),
  status: z.enum(STATUSES).default('active'),
  opening_hours: z.string().trim().max(200).nullish(),
  notes: z.string().trim().max(1000).nullish(),
});
export type HotspotInputT = z.infer<typeof HotspotInput>;
export const HotspotPatch = HotspotInput.partial().strict();
export type HotspotPatchT = z.infer<typeof HotspotPatch>;

export const ApInput = z.strictObject({
  mac: z.string().describe('aa:bb:cc:dd:ee:ff (any common notation is accepted and normalised)'),
  hotspot_id: z.number().int().positive(),
  serial: z.string().trim().max(100).nullish(),
  model: z.string().trim().max(100).nullish(),
  firmware: z.string().trim().max(100).nullish(),
  mgmt_ip: z.union([z.ipv4(), z.ipv6()]).nullish(),
});
export type ApInputT = z.infer<typeof ApInput>;
export const ApPatch = ApInput.omit({ mac: true }).partial().strict();
export type ApPatchT = z.infer<typeof ApPatch>;

export const Hotspot = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  lat: z.number(),
  lng: z.number(),
  location_note: z.string().nullable(),
  address: z.string().nullable(),
  kelurahan_code: z.string(),
  rw_code: z.string().nullable(),
  category: z.string(),
  phase: z.string(),
  provider: z.string().nullable(),
  bandwidth_mbps: z.number().nullable(),
  ssids: z.array(z.string()),
  installed_on: z.string().nullable(),
  status: z.string(),
  opening_hours: z.string().nullable(),
  notes: z.string().nullable(),
  state: z.enum(STATES),
  state_since: z.string(),
  is_demo: z.boolean(),
  updated_at: z.string(),
});

export const AccessPoint = z.object({
  id: z.number().int(),
  mac: z.string(),
  hotspot_id: z.number().int(),
  hotspot_code: z.string().optional(),
  hotspot_name: z.string().optional(),
  kelurahan_code: z.string().optional(),
  rw_code: z.string().nullable().optional(),
  serial: z.string().nullable(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  mgmt_ip: z.string().nullable(),
  health: z.enum(HEALTHS),
  health_reason: z.string().nullable(),
  health_since: z.string(),
  last_seen_at: z.string().nullable(),
  last_clients: z.number().nullable(),
  is_demo: z.boolean(),
});

export const IdParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const MacParams = z.strictObject({ mac: z.string() });

export const RegistryQuery = z.strictObject({
  q: z.string().max(100).optional(),
  kelurahan: KelurahanCode.optional(),
  rw: RwCode.optional(),
  status: z.enum(STATUSES).optional(),
  phase: z.enum(PHASES).optional(),
  category: z.enum(CATEGORIES).optional(),
  after: z.coerce.number().int().min(0).optional().describe('Keyset cursor: the last id of the previous page'),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  format: Format,
});

export const ApQuery = z.strictObject({
  hotspot_id: z.coerce.number().int().positive().optional(),
  health: z.enum(HEALTHS).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(5000),
  format: Format,
});

export const ImportResult = z.object({ rows: z.number().int(), created: z.number().int(), updated: z.number().int() });

export const PublicQuery = z.strictObject({
  kelurahan: KelurahanCode.optional(),
  rw: RwCode.optional(),
  status: z
    .enum(['working', 'workingPartially', 'totalFailure', 'noService', 'up', 'down'])
    .optional()
    .describe('up = working or workingPartially'),
});

export const NearestQuery = z.strictObject({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  limit: z.coerce.number().int().min(1).max(50).default(5),
  only: z.enum(['all', 'up']).default('all').describe('up: only places where at least one AP works'),
});

export const NearestResult = z.array(
  z.object({
    id: z.number().int(),
    name: z.string(),
    lat: z.number(),
    lng: z.number(),
    state: z.string(),
    category: z.string(),
    distance_m: z.number().int().describe('straight line'),
    walk_m: z.number().int().describe('estimate: straight line × 1.3'),
    walk_min: z.number().int().describe('at 80 m per minute'),
  }),
);

export const HotspotDetails = z.object({
  id: z.number().int(),
  name: z.string(),
  lat: z.number(),
  lng: z.number(),
  location_note: z.string().nullable(),
  address: z.string().nullable(),
  kelurahan_code: z.string(),
  kelurahan_name: z.string().nullable(),
  rw_code: z.string().nullable(),
  category: z.string(),
  phase: z.string(),
  provider: z.string().nullable(),
  ssids: z.array(z.string()),
  opening_hours: z.string().nullable(),
  notes: z.string().nullable(),
  status: z.string(),
  state: z.string(),
  state_since: z.string(),
  is_demo: z.boolean(),
  access_points: z.array(
    z.object({
      mac: z.string(),
      state: z.enum(['up', 'down', 'unknown']),
      clients: z.number().nullable(),
      last_seen_at: z.string().nullable(),
    }),
  ),
});

export const TelemetryResult = z.object({
  received: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  unknown: z.number().int().describe('items from MACs not in the registry (listed at GET /api/wifi/unknown-macs)'),
  unknown_macs: z.array(z.string()),
  rejected: z.array(z.object({ index: z.number().int(), message: z.string() })),
});

export const UnknownMac = z.object({
  mac: z.string(),
  first_seen_at: z.string(),
  last_seen_at: z.string(),
  count: z.number(),
  via: z.string(),
});

export const AlertsQuery = z.strictObject({
  status: z.enum(['open', 'closed', 'all']).default('all'),
  severity: z.enum(['PROBLEM', 'CRITICAL']).optional(),
  kelurahan: KelurahanCode.optional(),
  hotspot_id: z.coerce.number().int().positive().optional(),
  mac: z.string().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.coerce.number().int().positive().optional().describe('Keyset cursor: next_before of the previous page'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  format: Format,
});

export const Alert = z.object({
  id: z.number().int(),
  mac: z.string(),
  hotspot_id: z.number().int(),
  hotspot_name: z.string(),
  kelurahan_code: z.string(),
  rw_code: z.string().nullable(),
  severity: z.string(),
  reason: z.string(),
  started_at: z.string().describe('when the condition began: the last heartbeat (silence) or the start of the zero-clients period'),
  detected_at: z.string().describe('when the health evaluation noticed it and opened the alert'),
  ended_at: z.string().nullable(),
  duration_s: z.number().int().describe('from started_at to ended_at (or now)'),
  acknowledged_at: z.string().nullable(),
  acknowledged_by: z.string().nullable(),
  ack_note: z.string().nullable(),
});
export const AlertPage = z.object({ items: z.array(Alert), next_before: z.number().int().nullable() });
export const AckBody = z.strictObject({ note: z.string().trim().max(1000).optional() });

export const FormatQuery = z.strictObject({ format: Format, include_unknown: z.enum(['true', 'false']).default('false') });
export const CoverageQuery = z.strictObject({
  format: Format,
  below_target: z.enum(['true', 'false']).default('false'),
  kelurahan: KelurahanCode.optional(),
});
export const SlaQuery = z.strictObject({
  month: Month,
  by: z.enum(['ap', 'rw', 'kelurahan', 'provider']).default('kelurahan'),
  format: Format,
});
export const UsageQuery = z.strictObject({ from: Day, to: Day, kelurahan: KelurahanCode.optional(), format: Format });

export const NotOkAp = z.object({
  mac: z.string(),
  health: z.string(),
  reason: z.string().nullable(),
  since: z.string().describe('when the health check set the current health'),
  down_since: z
    .string()
    .nullable()
    .describe('when the condition began: the last heartbeat (silence) or the start of the zero-clients period; null when never reported'),
  duration_s: z.number().int().nullable().describe('seconds since down_since'),
  last_seen_at: z.string().nullable(),
  hotspot_id: z.number().int(),
  hotspot_name: z.string(),
  kelurahan_code: z.string(),
  rw_code: z.string().nullable(),
  provider: z.string().nullable(),
});

export const CoverageRow = z.object({
  rw_code: z.string(),
  kelurahan_code: z.string(),
  kelurahan_name: z.string(),
  hotspots: z.number().int(),
  working: z.number().int(),
  target: z.number().int(),
  gap: z.number().int(),
});

export const SlaRow = z.object({
  key: z.string(),
  label: z.string(),
  aps: z.number().int(),
  heartbeats: z.number().int(),
  expected: z.number().int(),
  uptime_pct: z.number(),
});
export const SlaResult = z.object({
  month: z.string(),
  by: z.string(),
  period_start: z.string(),
  period_end: z.string(),
  heartbeat_interval_s: z.number().int(),
  rows: z.array(SlaRow),
});

export const UsageRow = z.object({
  day: z.string(),
  kelurahan_code: z.string(),
  aps: z.number().int(),
  clients_avg: z.number().describe('mean clients per reporting AP'),
  clients_max: z.number().int(),
  rx_bytes: z.number(),
  tx_bytes: z.number(),
  school_clients_avg: z.number().describe('07:00–14:00 WIB, Monday–Friday'),
  school_rx_bytes: z.number(),
  school_tx_bytes: z.number(),
});

export const Rules = z.object({
  no_heartbeat_problem_s: z.number().int(),
  no_heartbeat_critical_s: z.number().int(),
  zero_clients_s: z.number().int(),
  active_from_hour: z.number().int(),
  active_to_hour: z.number().int(),
});

export const Evaluation = z.object({
  evaluated: z.number().int(),
  aps_changed: z.number().int(),
  alerts_opened: z.number().int(),
  alerts_closed: z.number().int(),
  hotspots_changed: z.number().int(),
  counts: z.record(z.string(), z.number()),
});

export const NgsiQuery = z.object({
  type: z.string().optional(),
  id: z.string().optional(),
  options: z.string().optional(),
  limit: z.string().optional(),
  offset: z.string().optional(),
  count: z.string().optional(),
  georel: z.string().optional(),
  geometry: z.string().optional(),
  coordinates: z.string().optional(),
});
