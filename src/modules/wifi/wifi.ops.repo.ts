import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

// Health, alert and report queries (aggregates only; reports never read raw heartbeats).

const p = (v: unknown) => sql.param(v);

async function rows<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  const r = await db.execute(q);
  return (r as { rows: T[] }).rows;
}

export interface ApHealthRow {
  id: number;
  mac: string;
  hotspot_id: number;
  hotspot_status: string;
  first_seen_at: string | null;
  last_seen_at: string | null;
  last_nonzero_at: string | null;
  health: string;
  health_reason: string | null;
  health_since: string;
}

export async function apsForEvaluation(db: DbOrTx): Promise<ApHealthRow[]> {
  return rows(
    db,
    sql`select a.id, a.mac, a.hotspot_id, h.status as hotspot_status, a.first_seen_at, a.last_seen_at, a.last_nonzero_at,
               a.health, a.health_reason, a.health_since
        from wifi_access_point a join wifi_hotspot h on h.id = a.hotspot_id order by a.id`,
  );
}

export async function hotspotStates(db: DbOrTx) {
  return rows<{ id: number; state: string; status: string }>(db, sql`select id, state, status from wifi_hotspot order by id`);
}

export async function setApHealth(db: DbOrTx, ids: number[], health: string[], reasons: (string | null)[], at: string): Promise<void> {
  if (!ids.length) return;
  await db.execute(sql`
    update wifi_access_point a set health = u.health, health_reason = u.reason, health_since = ${at}::timestamptz
    from unnest(${p(ids)}::int[], ${p(health)}::text[], ${p(reasons)}::text[]) as u(id, health, reason)
    where a.id = u.id`);
}

export async function setHotspotStates(db: DbOrTx, ids: number[], states: string[], at: string): Promise<void> {
  if (!ids.length) return;
  await db.execute(sql`
    update wifi_hotspot h set state = u.state, state_since = ${at}::timestamptz
    from unnest(${p(ids)}::int[], ${p(states)}::text[]) as u(id, state) where h.id = u.id`);
}

export async function openAlerts(db: DbOrTx) {
  return rows<{ id: number; ap_id: number; severity: string; reason: string }>(
    db,
    sql`select id, ap_id, severity, reason from wifi_alert where ended_at is null`,
  );
}

/** Opens alerts: `startedAt` per alert (when its condition began), `detectedAt` this evaluation's time. */
export async function insertAlerts(
  db: DbOrTx,
  apIds: number[],
  hotspotIds: number[],
  severities: string[],
  reasons: string[],
  startedAt: string[],
  detectedAt: string,
) {
  if (!apIds.length) return [];
  return rows<{ id: number; ap_id: number }>(
    db,
    sql`insert into wifi_alert (ap_id, hotspot_id, severity, reason, started_at, detected_at)
        select ap, hs, sev, rsn, st, ${detectedAt}::timestamptz
        from unnest(${p(apIds)}::int[], ${p(hotspotIds)}::int[], ${p(severities)}::text[], ${p(reasons)}::text[], ${p(startedAt)}::timestamptz[]) as u(ap, hs, sev, rsn, st)
        on conflict do nothing
        returning id, ap_id`,
  );
}

export async function escalateAlerts(db: DbOrTx, ids: number[], severities: string[], reasons: string[]): Promise<void> {
  if (!ids.length) return;
  await db.execute(sql`
    update wifi_alert a set severity = u.sev, reason = u.rsn
    from unnest(${p(ids)}::bigint[], ${p(severities)}::text[], ${p(reasons)}::text[]) as u(id, sev, rsn) where a.id = u.id`);
}

export async function closeAlerts(db: DbOrTx, ids: number[], at: string): Promise<void> {
  if (!ids.length) return;
  await db.execute(sql`update wifi_alert set ended_at = ${at}::timestamptz where id = any(${p(ids)}::bigint[]) and ended_at is null`);
}

export interface AlertFilter {
  status?: 'open' | 'closed' | 'all';
  severity?: string;
  kelurahan?: string;
  hotspotId?: number;
  mac?: string;
  from?: string;
  to?: string;
  beforeId?: number;
  limit: number;
}

export interface AlertRow {
  id: number;
  mac: string;
  hotspot_id: number;
  hotspot_name: string;
  kelurahan_code: string;
  rw_code: string | null;
  severity: string;
  reason: string;
  started_at: string;
  detected_at: string;
  ended_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  ack_note: string | null;
}

export async function listAlerts(db: DbOrTx, f: AlertFilter): Promise<AlertRow[]> {
  const c: SQL[] = [sql`true`];
  if (f.status === 'open') c.push(sql`al.ended_at is null`);
  if (f.status === 'closed') c.push(sql`al.ended_at is not null`);
  if (f.severity) c.push(sql`al.severity = ${f.severity}`);
  if (f.kelurahan) c.push(sql`h.kelurahan_code = ${f.kelurahan}`);
  if (f.hotspotId) c.push(sql`al.hotspot_id = ${f.hotspotId}`);
  if (f.mac) c.push(sql`a.mac = ${f.mac}`);
  if (f.from) c.push(sql`al.started_at >= ${f.from}::timestamptz`);
  if (f.to) c.push(sql`al.started_at < ${f.to}::timestamptz`);
  if (f.beforeId) c.push(sql`al.id < ${f.beforeId}`);
  return rows(
    db,
    sql`select al.id::int as id, a.mac, al.hotspot_id, h.name as hotspot_name, h.kelurahan_code, h.rw_code, al.severity, al.reason,
               al.started_at, al.detected_at, al.ended_at, al.acknowledged_at, al.acknowledged_by, al.ack_note
        from wifi_alert al join wifi_access_point a on a.id = al.ap_id join wifi_hotspot h on h.id = al.hotspot_id
        where ${sql.join(c, sql` and `)} order by al.id desc limit ${f.limit}`,
  );
}

export async function ackAlert(db: DbOrTx, id: number, by: string, note: string | null, at: string): Promise<AlertRow | undefined> {
  const r = await rows<{ id: number }>(
    db,
    sql`update wifi_alert set acknowledged_at = ${at}::timestamptz, acknowledged_by = ${by}, ack_note = ${note} where id = ${id} returning id`,
  );
  if (!r.length) return undefined;
  return (await listAlerts(db, { beforeId: id + 1, limit: 1 }))[0];
}

export async function apsNotOk(db: DbOrTx, includeUnknown: boolean) {
  return rows<{
    mac: string;
    health: string;
    health_reason: string | null;
    health_since: string;
    first_seen_at: string | null;
    last_seen_at: string | null;
    last_nonzero_at: string | null;
    hotspot_id: number;
    hotspot_name: string;
    kelurahan_code: string;
    rw_code: string | null;
    provider: string | null;
  }>(
    db,
    sql`select a.mac, a.health, a.health_reason, a.health_since, a.first_seen_at, a.last_seen_at, a.last_nonzero_at, h.id as hotspot_id, h.name as hotspot_name,
               h.kelurahan_code, h.rw_code, h.provider
        from wifi_access_point a join wifi_hotspot h on h.id = a.hotspot_id
        where h.status = 'active' and a.health in ${includeUnknown ? sql`('PROBLEM','CRITICAL','UNKNOWN')` : sql`('PROBLEM','CRITICAL')`}
        order by a.health_since, a.id`,
  );
}

export async function coverageCounts(db: DbOrTx) {
  return rows<{ rw_code: string; total: number; working: number }>(
    db,
    sql`select rw_code, count(*)::int as total,
               (count(*) filter (where state in ('working','workingPartially')))::int as working
        from wifi_hotspot where status = 'active' and rw_code is not null group by rw_code`,
  );
}

/** Heartbeats per AP over local dates [fromDay, toDay], with the grouping columns of its hotspot. */
export async function heartbeatsPerAp(db: DbOrTx, fromDay: string, toDay: string) {
  return rows<{
    mac: string;
    hotspot_name: string;
    kelurahan_code: string;
    rw_code: string | null;
    provider: string | null;
    heartbeats: number;
  }>(
    db,
    sql`select a.mac, h.name as hotspot_name, h.kelurahan_code, h.rw_code, h.provider,
               coalesce((select sum(d.heartbeats) from wifi_usage_daily d where d.ap_id = a.id and d.day between ${fromDay}::date and ${toDay}::date), 0)::int as heartbeats
        from wifi_access_point a join wifi_hotspot h on h.id = a.hotspot_id
        where h.status = 'active' order by a.id`,
  );
}

export interface UsageRow {
  day: string;
  kelurahan_code: string;
  aps: number;
  heartbeats: number;
  clients_sum: number;
  clients_max: number;
  rx_bytes: number;
  tx_bytes: number;
  school_heartbeats: number;
  school_clients_sum: number;
  school_rx_bytes: number;
  school_tx_bytes: number;
}

export async function usageByDayKelurahan(db: DbOrTx, fromDay: string, toDay: string, kelurahan?: string): Promise<UsageRow[]> {
  return rows(
    db,
    sql`select to_char(d.day, 'YYYY-MM-DD') as day, h.kelurahan_code, count(distinct d.ap_id)::int as aps,
               sum(d.heartbeats)::float8 as heartbeats, sum(d.clients_sum)::float8 as clients_sum, max(d.clients_max)::int as clients_max,
               sum(d.rx_bytes)::float8 as rx_bytes, sum(d.tx_bytes)::float8 as tx_bytes,
               sum(d.school_heartbeats)::float8 as school_heartbeats, sum(d.school_clients_sum)::float8 as school_clients_sum,
               sum(d.school_rx_bytes)::float8 as school_rx_bytes, sum(d.school_tx_bytes)::float8 as school_tx_bytes
        from wifi_usage_daily d join wifi_access_point a on a.id = d.ap_id join wifi_hotspot h on h.id = a.hotspot_id
        where d.day between ${fromDay}::date and ${toDay}::date ${kelurahan ? sql`and h.kelurahan_code = ${kelurahan}` : sql``}
        group by d.day, h.kelurahan_code order by d.day, h.kelurahan_code`,
  );
}

export async function hourlyOfAp(db: DbOrTx, apId: number) {
  return rows<{ hour: string; heartbeats: number; clients_sum: number; clients_max: number; rx_bytes: number; tx_bytes: number }>(
    db,
    sql`select hour, heartbeats, clients_sum::float8 as clients_sum, clients_max, rx_bytes::float8 as rx_bytes, tx_bytes::float8 as tx_bytes
        from wifi_usage_hourly where ap_id = ${apId} order by hour`,
  );
}

export async function dailyOfAp(db: DbOrTx, apId: number) {
  return rows<{
    day: string;
    heartbeats: number;
    clients_sum: number;
    clients_max: number;
    rx_bytes: number;
    tx_bytes: number;
    school_heartbeats: number;
    school_clients_sum: number;
    school_rx_bytes: number;
    school_tx_bytes: number;
  }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, heartbeats, clients_sum::float8 as clients_sum, clients_max, rx_bytes::float8 as rx_bytes,
               tx_bytes::float8 as tx_bytes, school_heartbeats, school_clients_sum::float8 as school_clients_sum,
               school_rx_bytes::float8 as school_rx_bytes, school_tx_bytes::float8 as school_tx_bytes
        from wifi_usage_daily where ap_id = ${apId} order by day`,
  );
}
