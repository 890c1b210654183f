import { sql, type SQL } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client';

// Queries for heartbeats, unknown MACs and the roll-ups. Arrays go in as single parameters
// (unnest), so a batch of any size is one statement and one round trip.

const p = (v: unknown) => sql.param(v);

async function rows<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  const r = await db.execute(q);
  return (r as { rows: T[] }).rows;
}

export interface HeartbeatColumns {
  apId: number[];
  ts: string[];
  clients: number[];
  rx: number[];
  tx: number[];
  uptime: number[];
  rtt: (number | null)[];
  signal: (number | null)[];
}

/**
 * Stores a batch and moves each AP's "last seen" values forward in one statement: the insert skips
 * (ap, ts) pairs already stored, the update only ever moves last_seen_at forward.
 */
export async function insertHeartbeats(database: Database, c: HeartbeatColumns): Promise<number> {
  const q = sql`
    with v as (
      select * from unnest(${p(c.apId)}::int[], ${p(c.ts)}::timestamptz[], ${p(c.clients)}::int[], ${p(c.rx)}::bigint[],
                           ${p(c.tx)}::bigint[], ${p(c.uptime)}::bigint[], ${p(c.rtt)}::float8[], ${p(c.signal)}::float8[])
        as v(ap_id, ts, clients, rx, tx, up, rtt, sig)
    ),
    ins as (
      insert into wifi_heartbeat (ap_id, ts, clients, rx_bytes, tx_bytes, uptime_s, rtt_ms, signal_dbm)
      select ap_id, ts, clients, rx, tx, up, rtt, sig from v
      on conflict do nothing
      returning 1
    ),
    latest as (select distinct on (ap_id) ap_id, ts, clients, up, rtt, sig from v order by ap_id, ts desc),
    agg as (select ap_id, min(ts) as min_ts, max(ts) filter (where clients > 0) as nz from v group by ap_id),
    upd as (
      update wifi_access_point a set
        last_seen_at = l.ts, last_clients = l.clients, last_uptime_s = l.up, last_rtt_ms = l.rtt, last_signal_dbm = l.sig,
        first_seen_at = coalesce(a.first_seen_at, g.min_ts),
        last_nonzero_at = greatest(a.last_nonzero_at, g.nz)
      from latest l join agg g on g.ap_id = l.ap_id
      where a.id = l.ap_id and (a.last_seen_at is null or l.ts > a.last_seen_at)
      returning 1
    )
    select (select count(*) from ins)::int as inserted, (select count(*) from upd)::int as updated`;
  const r = await rows<{ inserted: number }>(database.db, q);
  return Number(r[0]?.inserted ?? 0);
}

/** Counts telemetry from MACs not in the registry (one statement per batch). */
export async function recordUnknownMacs(db: DbOrTx, macs: string[], counts: number[], at: string, via: string): Promise<void> {
  await db.execute(sql`
    insert into wifi_unknown_mac (mac, first_seen_at, last_seen_at, count, via)
    select m, ${at}::timestamptz, ${at}::timestamptz, n, ${via} from unnest(${p(macs)}::text[], ${p(counts)}::bigint[]) as u(m, n)
    on conflict (mac) do update set last_seen_at = excluded.last_seen_at, count = wifi_unknown_mac.count + excluded.count, via = excluded.via`);
}

export async function listUnknownMacs(db: DbOrTx, limit: number) {
  return rows<{ mac: string; first_seen_at: string; last_seen_at: string; count: string | number; via: string }>(
    db,
    sql`select mac, first_seen_at, last_seen_at, count, via from wifi_unknown_mac
        where not exists (select 1 from wifi_access_point a where a.mac = wifi_unknown_mac.mac)
        order by last_seen_at desc limit ${limit}`,
  );
}

export async function deleteUnknownMac(db: DbOrTx, mac: string): Promise<void> {
  await db.execute(sql`delete from wifi_unknown_mac where mac = ${mac}`);
}

export async function macIndex(db: DbOrTx, macs?: string[]) {
  return rows<{ id: number; mac: string }>(
    db,
    macs ? sql`select id, mac from wifi_access_point where mac = any(${p(macs)}::text[])` : sql`select id, mac from wifi_access_point`,
  );
}

/** Rebuilds the hourly rows of the given hours from the raw heartbeats (idempotent; a repair tool, the roll-up adds). */
export async function rebuildHourly(db: DbOrTx, hours: string[]): Promise<void> {
  if (!hours.length) return;
  await db.execute(sql`
    insert into wifi_usage_hourly (ap_id, hour, heartbeats, clients_sum, clients_max, rx_bytes, tx_bytes)
    select b.ap_id, u.h, count(*)::int, sum(b.clients), max(b.clients), sum(b.rx_bytes), sum(b.tx_bytes)
    from unnest(${p(hours)}::timestamptz[]) as u(h)
    join wifi_heartbeat b on b.ts >= u.h and b.ts < u.h + interval '1 hour'
    group by b.ap_id, u.h
    on conflict (ap_id, hour) do update set heartbeats = excluded.heartbeats, clients_sum = excluded.clients_sum,
      clients_max = excluded.clients_max, rx_bytes = excluded.rx_bytes, tx_bytes = excluded.tx_bytes`);
}

/**
 * The instant up to which every heartbeat is committed and visible: now − settle, and on PostgreSQL
 * just before the oldest transaction still open on this database (a batch being inserted carries
 * its transaction's start as received_at, and becomes visible only when it commits).
 */
export async function rollupHorizon(db: DbOrTx, kind: 'pglite' | 'postgres', settleMs: number): Promise<Date> {
  const open =
    kind === 'postgres'
      ? sql`(select min(xact_start) - interval '1 microsecond' from pg_stat_activity
             where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null)`
      : sql`null::timestamptz`;
  const r = await rows<{ t: string | Date }>(db, sql`select least(now() - make_interval(secs => ${settleMs / 1000}), ${open}) as t`);
  return new Date(r[0].t);
}

/**
 * Adds the heartbeats received in (from, to] to their hourly and daily rows in one statement. Each
 * raw row is read once (BRIN on received_at), so a run costs what arrived since the last one, not
 * whole hours again: at 100,000 APs an hour holds 12 million rows. Exact as long as (from, to]
 * windows never overlap and `to` is a rollupHorizon (no uncommitted row can land at or before it).
 */
export async function addToRollups(db: DbOrTx, from: Date | null, to: Date): Promise<{ hours: number; days: number }> {
  const school = sql`extract(hour from d.local) between 7 and 13 and extract(isodow from d.local) between 1 and 5`;
  const r = await rows<{ hours: number; days: number }>(
    db,
    sql`
    with d as materialized (
      select ap_id, ts, clients, rx_bytes, tx_bytes, (ts at time zone 'UTC') + interval '7 hours' as local
      from wifi_heartbeat
      where received_at <= ${to.toISOString()}::timestamptz ${from ? sql`and received_at > ${from.toISOString()}::timestamptz` : sql``}
    ),
    h as (
      insert into wifi_usage_hourly as w (ap_id, hour, heartbeats, clients_sum, clients_max, rx_bytes, tx_bytes)
      select ap_id, date_trunc('hour', ts), count(*)::int, sum(clients), max(clients), sum(rx_bytes), sum(tx_bytes)
      from d group by 1, 2
      on conflict (ap_id, hour) do update set heartbeats = w.heartbeats + excluded.heartbeats,
        clients_sum = w.clients_sum + excluded.clients_sum, clients_max = greatest(w.clients_max, excluded.clients_max),
        rx_bytes = w.rx_bytes + excluded.rx_bytes, tx_bytes = w.tx_bytes + excluded.tx_bytes
      returning hour
    ),
    dl as (
      insert into wifi_usage_daily as w (ap_id, day, heartbeats, clients_sum, clients_max, rx_bytes, tx_bytes,
                                         school_heartbeats, school_clients_sum, school_rx_bytes, school_tx_bytes)
      select ap_id, d.local::date, count(*)::int, sum(clients), max(clients), sum(rx_bytes), sum(tx_bytes),
        (count(*) filter (where ${school}))::int, coalesce(sum(clients) filter (where ${school}), 0),
        coalesce(sum(rx_bytes) filter (where ${school}), 0), coalesce(sum(tx_bytes) filter (where ${school}), 0)
      from d group by 1, 2
      on conflict (ap_id, day) do update set heartbeats = w.heartbeats + excluded.heartbeats,
        clients_sum = w.clients_sum + excluded.clients_sum, clients_max = greatest(w.clients_max, excluded.clients_max),
        rx_bytes = w.rx_bytes + excluded.rx_bytes, tx_bytes = w.tx_bytes + excluded.tx_bytes,
        school_heartbeats = w.school_heartbeats + excluded.school_heartbeats,
        school_clients_sum = w.school_clients_sum + excluded.school_clients_sum,
        school_rx_bytes = w.school_rx_bytes + excluded.school_rx_bytes, school_tx_bytes = w.school_tx_bytes + excluded.school_tx_bytes
      returning day
    )
    select (select count(distinct hour) from h)::int as hours, (select count(distinct day) from dl)::int as days`,
  );
  return { hours: Number(r[0]?.hours ?? 0), days: Number(r[0]?.days ?? 0) };
}

// Local (WIB) wall-clock of an hourly row; WIB is a fixed UTC+7.
const LOCAL = sql.raw(`((h.hour at time zone 'UTC') + interval '7 hours')`);

/** Rebuilds the daily rows of the given local dates from the hourly rows (idempotent). */
export async function rebuildDaily(db: DbOrTx, days: string[]): Promise<void> {
  if (!days.length) return;
  const sorted = [...days].sort();
  // A local date D covers the UTC instants [D 00:00 − 7 h, D+1 00:00 − 7 h): a range the hour index serves.
  const start = new Date(Date.parse(`${sorted[0]}T00:00:00Z`) - 7 * 3600_000).toISOString();
  const end = new Date(Date.parse(`${sorted[sorted.length - 1]}T00:00:00Z`) + 17 * 3600_000).toISOString();
  const school = sql`extract(hour from ${LOCAL}) between 7 and 13 and extract(isodow from ${LOCAL}) between 1 and 5`;
  await db.execute(sql`
    insert into wifi_usage_daily (ap_id, day, heartbeats, clients_sum, clients_max, rx_bytes, tx_bytes,
                                  school_heartbeats, school_clients_sum, school_rx_bytes, school_tx_bytes)
    select h.ap_id, (${LOCAL})::date, sum(h.heartbeats)::int, sum(h.clients_sum), max(h.clients_max), sum(h.rx_bytes), sum(h.tx_bytes),
      coalesce(sum(h.heartbeats) filter (where ${school}), 0)::int, coalesce(sum(h.clients_sum) filter (where ${school}), 0),
      coalesce(sum(h.rx_bytes) filter (where ${school}), 0), coalesce(sum(h.tx_bytes) filter (where ${school}), 0)
    from wifi_usage_hourly h
    where h.hour >= ${start}::timestamptz and h.hour < ${end}::timestamptz and (${LOCAL})::date = any(${p(days)}::date[])
    group by h.ap_id, (${LOCAL})::date
    on conflict (ap_id, day) do update set heartbeats = excluded.heartbeats, clients_sum = excluded.clients_sum,
      clients_max = excluded.clients_max, rx_bytes = excluded.rx_bytes, tx_bytes = excluded.tx_bytes,
      school_heartbeats = excluded.school_heartbeats, school_clients_sum = excluded.school_clients_sum,
      school_rx_bytes = excluded.school_rx_bytes, school_tx_bytes = excluded.school_tx_bytes`);
}

export async function pruneRaw(db: DbOrTx, before: Date): Promise<number> {
  const r = await rows<{ n: number }>(
    db,
    sql`with d as (delete from wifi_heartbeat where ts < ${before.toISOString()}::timestamptz returning 1) select count(*)::int as n from d`,
  );
  return Number(r[0]?.n ?? 0);
}

export async function pruneHourly(db: DbOrTx, before: Date): Promise<number> {
  const r = await rows<{ n: number }>(
    db,
    sql`with d as (delete from wifi_usage_hourly where hour < ${before.toISOString()}::timestamptz returning 1) select count(*)::int as n from d`,
  );
  return Number(r[0]?.n ?? 0);
}

export async function getSetting<T>(db: DbOrTx, key: string): Promise<T | undefined> {
  const r = await rows<{ value: T }>(db, sql`select value from wifi_setting where key = ${key}`);
  return r[0]?.value;
}

export async function putSetting(db: DbOrTx, key: string, value: unknown): Promise<void> {
  await db.execute(sql`insert into wifi_setting (key, value, updated_at) values (${key}, ${JSON.stringify(value)}::jsonb, now())
    on conflict (key) do update set value = excluded.value, updated_at = now()`);
}

export async function rawCount(db: DbOrTx): Promise<number> {
  const r = await rows<{ n: number }>(db, sql`select count(*)::int as n from wifi_heartbeat`);
  return Number(r[0].n);
}
