import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

// Queries of the demo history seed and the live demo feed. Both only ever touch APs that are demo
// devices of demo hotspots (is_demo on both), so a real AP registered later is never faked.

const p = (v: unknown) => sql.param(v);
/**
 * A numeric or date array as one PostgreSQL array literal: for the seed's 100,000-row inserts this
 * skips the per-element work of the drivers' array encoding (elements here never need quoting).
 */
const lit = (v: (number | string)[]) => sql.param(`{${v.join(',')}}`);

async function rows<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  const r = await db.execute(q);
  return (r as { rows: T[] }).rows;
}

export interface DemoApRow {
  id: number;
  mac: string;
  hotspot_id: number;
  provider: string | null;
}

/** Demo APs of active demo hotspots, by id. */
export async function demoAps(db: DbOrTx): Promise<DemoApRow[]> {
  return rows(
    db,
    sql`select a.id, a.mac, a.hotspot_id, h.provider
        from wifi_access_point a join wifi_hotspot h on h.id = a.hotspot_id
        where a.is_demo and h.is_demo and h.status = 'active' order by a.id`,
  );
}

export async function hasDemoHotspots(db: DbOrTx): Promise<boolean> {
  const r = await rows<{ ok: boolean }>(db, sql`select exists (select 1 from wifi_hotspot where is_demo) as ok`);
  return Boolean(r[0]?.ok);
}

export interface DailyColumns {
  apId: number[];
  day: string[];
  heartbeats: number[];
  clientsSum: number[];
  clientsMax: number[];
  rx: number[];
  tx: number[];
  schoolHeartbeats: number[];
  schoolClientsSum: number[];
  schoolRx: number[];
  schoolTx: number[];
}

/**
 * Daily roll-up rows as the roll-up job writes them. With `keepExisting`, rows already there (real
 * data) are kept; without, the insert skips the conflict check (a quarter faster on PGlite), for when
 * `dailyRowsSince` said the period is empty.
 */
export async function insertDaily(db: DbOrTx, c: DailyColumns, keepExisting: boolean): Promise<void> {
  if (!c.apId.length) return;
  await db.execute(sql`
    insert into wifi_usage_daily (ap_id, day, heartbeats, clients_sum, clients_max, rx_bytes, tx_bytes,
                                  school_heartbeats, school_clients_sum, school_rx_bytes, school_tx_bytes)
    select * from unnest(${lit(c.apId)}::int[], ${lit(c.day)}::date[], ${lit(c.heartbeats)}::int[], ${lit(c.clientsSum)}::bigint[],
                         ${lit(c.clientsMax)}::int[], ${lit(c.rx)}::bigint[], ${lit(c.tx)}::bigint[], ${lit(c.schoolHeartbeats)}::int[],
                         ${lit(c.schoolClientsSum)}::bigint[], ${lit(c.schoolRx)}::bigint[], ${lit(c.schoolTx)}::bigint[])
    ${keepExisting ? sql`on conflict (ap_id, day) do nothing` : sql``}`);
}

/** True when any daily roll-up row exists from local date `day` on. */
export async function dailyRowsSince(db: DbOrTx, day: string): Promise<boolean> {
  const r = await rows<{ ok: boolean }>(db, sql`select exists (select 1 from wifi_usage_daily where day >= ${day}::date) as ok`);
  return Boolean(r[0]?.ok);
}

export interface HourlyColumns {
  apId: number[];
  hour: string[];
  heartbeats: number[];
  clientsSum: number[];
  clientsMax: number[];
  rx: number[];
  tx: number[];
}

/** Hourly roll-up rows as the roll-up job writes them; rows already there are kept. */
export async function insertHourly(db: DbOrTx, c: HourlyColumns): Promise<void> {
  if (!c.apId.length) return;
  await db.execute(sql`
    insert into wifi_usage_hourly (ap_id, hour, heartbeats, clients_sum, clients_max, rx_bytes, tx_bytes)
    select * from unnest(${lit(c.apId)}::int[], ${lit(c.hour)}::timestamptz[], ${lit(c.heartbeats)}::int[], ${lit(c.clientsSum)}::bigint[],
                         ${lit(c.clientsMax)}::int[], ${lit(c.rx)}::bigint[], ${lit(c.tx)}::bigint[])
    on conflict (ap_id, hour) do nothing`);
}

export interface ClosedAlertColumns {
  apId: number[];
  hotspotId: number[];
  severity: string[];
  reason: string[];
  startedAt: string[];
  detectedAt: string[];
  endedAt: string[];
  acknowledgedAt: (string | null)[];
  acknowledgedBy: (string | null)[];
  ackNote: (string | null)[];
}

/** Past (closed) alerts, in the order given (ids grow with it). */
export async function insertClosedAlerts(db: DbOrTx, c: ClosedAlertColumns): Promise<void> {
  if (!c.apId.length) return;
  await db.execute(sql`
    insert into wifi_alert (ap_id, hotspot_id, severity, reason, started_at, detected_at, ended_at, acknowledged_at, acknowledged_by, ack_note)
    select * from unnest(${p(c.apId)}::int[], ${p(c.hotspotId)}::int[], ${p(c.severity)}::text[], ${p(c.reason)}::text[],
                         ${p(c.startedAt)}::timestamptz[], ${p(c.detectedAt)}::timestamptz[], ${p(c.endedAt)}::timestamptz[],
                         ${p(c.acknowledgedAt)}::timestamptz[], ${p(c.acknowledgedBy)}::text[], ${p(c.ackNote)}::text[])
    order by 5`);
}

/** Row counts of the tables the history seed fills (for the seed's log line and tests). */
export async function historyCounts(db: DbOrTx) {
  const r = await rows<{ daily: number; hourly: number; alerts: number }>(
    db,
    sql`select (select count(*) from wifi_usage_daily)::int as daily, (select count(*) from wifi_usage_hourly)::int as hourly,
               (select count(*) from wifi_alert)::int as alerts`,
  );
  return r[0];
}
