import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { kelurahan, rw } from '../wilayah/wilayah.schema';

const tsz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A place with public Wi-Fi (FIWARE WifiPointOfInterest). */
export const wifiHotspot = pgTable(
  'wifi_hotspot',
  {
    id: serial('id').primaryKey(),
    /** Stable external key (CSV imports upsert by it), e.g. AWAL-001, PJJ-32.76.01.1006/005-1. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    /** How the point was obtained: surveyed, or an approximation (demo seed: no coordinates published). */
    locationNote: text('location_note'),
    address: text('address'),
    kelurahanCode: text('kelurahan_code')
      .notNull()
      .references(() => kelurahan.code),
    rwCode: text('rw_code').references(() => rw.code),
    category: text('category').notNull(),
    phase: text('phase').notNull(), // awal_128 | pjj_2020
    provider: text('provider'),
    bandwidthMbps: integer('bandwidth_mbps'),
    ssids: jsonb('ssids')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    installedOn: date('installed_on', { mode: 'string' }),
    status: text('status').notNull().default('active'), // planned | active | maintenance | decommissioned
    openingHours: text('opening_hours'),
    notes: text('notes'),
    /** Derived from the APs by the health evaluation: working | workingPartially | totalFailure | noService. */
    state: text('state').notNull().default('noService'),
    stateSince: tsz('state_since').notNull().defaultNow(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: tsz('created_at').notNull().defaultNow(),
    updatedAt: tsz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('wifi_hotspot_code_uq').on(t.code),
    index('wifi_hotspot_kelurahan_idx').on(t.kelurahanCode),
    index('wifi_hotspot_rw_idx').on(t.rwCode),
  ],
);

/** A device (FIWARE AccessPoint) with its latest reported values and health. */
export const wifiAccessPoint = pgTable(
  'wifi_access_point',
  {
    id: serial('id').primaryKey(),
    mac: text('mac').notNull(), // lower case, colon separated
    hotspotId: integer('hotspot_id')
      .notNull()
      .references(() => wifiHotspot.id),
    serial: text('serial'),
    model: text('model'),
    firmware: text('firmware'),
    mgmtIp: text('mgmt_ip'),
    isDemo: boolean('is_demo').notNull().default(false),
    firstSeenAt: tsz('first_seen_at'),
    lastSeenAt: tsz('last_seen_at'),
    /** Latest heartbeat with clients > 0 (the zero-clients rule counts from here). */
    lastNonzeroAt: tsz('last_nonzero_at'),
    lastClients: integer('last_clients'),
    lastUptimeS: bigint('last_uptime_s', { mode: 'number' }),
    lastRttMs: doublePrecision('last_rtt_ms'),
    lastSignalDbm: doublePrecision('last_signal_dbm'),
    health: text('health').notNull().default('UNKNOWN'), // OK | PROBLEM | CRITICAL | UNKNOWN
    healthReason: text('health_reason'),
    healthSince: tsz('health_since').notNull().defaultNow(),
    createdAt: tsz('created_at').notNull().defaultNow(),
    updatedAt: tsz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('wifi_ap_mac_uq').on(t.mac), index('wifi_ap_hotspot_idx').on(t.hotspotId)],
);

/** Raw heartbeats, kept for WIFI_RAW_RETENTION_DAYS; (ap, ts) is the dedup key. */
export const wifiHeartbeat = pgTable(
  'wifi_heartbeat',
  {
    apId: integer('ap_id').notNull(),
    ts: tsz('ts').notNull(),
    clients: integer('clients').notNull(),
    rxBytes: bigint('rx_bytes', { mode: 'number' }).notNull(),
    txBytes: bigint('tx_bytes', { mode: 'number' }).notNull(),
    uptimeS: bigint('uptime_s', { mode: 'number' }).notNull(),
    rttMs: doublePrecision('rtt_ms'),
    signalDbm: doublePrecision('signal_dbm'),
    receivedAt: tsz('received_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.apId, t.ts] }),
    // BRIN: rows arrive roughly in time order, so these stay tiny and cost little on insert.
    index('wifi_heartbeat_received_brin').using('brin', t.receivedAt),
    index('wifi_heartbeat_ts_brin').using('brin', t.ts),
  ],
);

export const wifiUsageHourly = pgTable(
  'wifi_usage_hourly',
  {
    apId: integer('ap_id').notNull(),
    hour: tsz('hour').notNull(),
    heartbeats: integer('heartbeats').notNull(),
    clientsSum: bigint('clients_sum', { mode: 'number' }).notNull(),
    clientsMax: integer('clients_max').notNull(),
    rxBytes: bigint('rx_bytes', { mode: 'number' }).notNull(),
    txBytes: bigint('tx_bytes', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.apId, t.hour] }), index('wifi_usage_hourly_hour_idx').on(t.hour)],
);

/** Daily roll-up by local (WIB) date, with the school-hours part (07:00–14:00, Mon–Fri) kept apart. */
export const wifiUsageDaily = pgTable(
  'wifi_usage_daily',
  {
    apId: integer('ap_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    heartbeats: integer('heartbeats').notNull(),
    clientsSum: bigint('clients_sum', { mode: 'number' }).notNull(),
    clientsMax: integer('clients_max').notNull(),
    rxBytes: bigint('rx_bytes', { mode: 'number' }).notNull(),
    txBytes: bigint('tx_bytes', { mode: 'number' }).notNull(),
    schoolHeartbeats: integer('school_heartbeats').notNull(),
    schoolClientsSum: bigint('school_clients_sum', { mode: 'number' }).notNull(),
    schoolRxBytes: bigint('school_rx_bytes', { mode: 'number' }).notNull(),
    schoolTxBytes: bigint('school_tx_bytes', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.apId, t.day] }), index('wifi_usage_daily_day_idx').on(t.day)],
);

/** One alert per AP episode away from OK; at most one open per AP. */
export const wifiAlert = pgTable(
  'wifi_alert',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    apId: integer('ap_id')
      .notNull()
      .references(() => wifiAccessPoint.id, { onDelete: 'cascade' }),
    hotspotId: integer('hotspot_id').notNull(),
    severity: text('severity').notNull(), // PROBLEM | CRITICAL (the worst seen during the episode)
    reason: text('reason').notNull(),
    /** When the condition began: the last heartbeat (silence) or the start of the zero-clients period. */
    startedAt: tsz('started_at').notNull(),
    /** When the health evaluation noticed it and opened the alert. */
    detectedAt: tsz('detected_at').notNull().defaultNow(),
    endedAt: tsz('ended_at'),
    acknowledgedAt: tsz('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    ackNote: text('ack_note'),
  },
  (t) => [
    uniqueIndex('wifi_alert_open_uq')
      .on(t.apId)
      .where(sql`${t.endedAt} is null`),
    index('wifi_alert_started_idx').on(t.startedAt),
  ],
);

/** MACs that sent telemetry but are not in the registry, for the operator to register or block. */
export const wifiUnknownMac = pgTable('wifi_unknown_mac', {
  mac: text('mac').primaryKey(),
  firstSeenAt: tsz('first_seen_at').notNull(),
  lastSeenAt: tsz('last_seen_at').notNull(),
  count: bigint('count', { mode: 'number' }).notNull(),
  via: text('via').notNull(),
});

/** Small key/value state: health rules set by an admin, the roll-up watermark. */
export const wifiSetting = pgTable('wifi_setting', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: tsz('updated_at').notNull().defaultNow(),
});
