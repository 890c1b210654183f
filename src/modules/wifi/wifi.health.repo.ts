import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { HealthRules } from './wifi.config';
import type { ApHealthRow } from './wifi.ops.repo';
import { REASON } from './wifi.health';

// Set-based parts of the health evaluation. At 100,000 APs, reading every AP into JavaScript each
// minute took seconds of the server's event loop; here the database skips the APs whose health
// cannot have changed and derives the hotspot states itself.

async function rows<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  const r = await db.execute(q);
  return (r as { rows: T[] }).rows;
}

/**
 * The APs whose health may differ from the stored one at `at`, or that have an alert to act on. The
 * rest are provably still OK: stored OK, heard from within the PROBLEM tolerance, and with clients
 * (or first seen) more recently than the zero-clients tolerance in wall-clock time — active-hours
 * time is never longer — and no open alert. APs never heard from that are stored UNKNOWN stay so.
 */
export async function apsToEvaluate(db: DbOrTx, at: string, r: HealthRules): Promise<ApHealthRow[]> {
  const silentAfter = Math.min(r.noHeartbeatProblemS, r.noHeartbeatCriticalS);
  return rows(
    db,
    sql`select a.id, a.mac, a.hotspot_id, h.status as hotspot_status, a.first_seen_at, a.last_seen_at, a.last_nonzero_at,
               a.health, a.health_reason, a.health_since
        from wifi_access_point a join wifi_hotspot h on h.id = a.hotspot_id
        where a.id in (select ap_id from wifi_alert where ended_at is null)
           or not ((a.health = 'UNKNOWN' and a.last_seen_at is null)
                   or (a.health = 'OK' and a.health_reason is null
                       and a.last_seen_at > ${at}::timestamptz - make_interval(secs => ${silentAfter})
                       and coalesce(a.last_nonzero_at, a.first_seen_at, ${at}::timestamptz) > ${at}::timestamptz - make_interval(secs => ${r.zeroClientsS})))
        order by a.id`,
  );
}

export async function countAps(db: DbOrTx): Promise<number> {
  const r = await rows<{ n: number }>(db, sql`select count(*)::int as n from wifi_access_point`);
  return Number(r[0].n);
}

/**
 * Derives every hotspot's FIWARE wifiStatus from its APs' stored health (as hotspotState() does)
 * and stores the ones that changed; returns those with their previous state.
 */
export async function updateHotspotStates(db: DbOrTx, at: string): Promise<{ id: number; from: string; to: string }[]> {
  const up = sql`(a.health = 'OK' or (a.health = 'PROBLEM' and a.health_reason = ${REASON.noUsers}))`;
  return rows(
    db,
    sql`with s as (
          select h.id, h.state as old,
            case when h.status <> 'active' or count(a.id) = 0 or bool_and(a.health = 'UNKNOWN') then 'noService'
                 when count(a.id) filter (where ${up}) = count(a.id) then 'working'
                 when count(a.id) filter (where ${up}) > 0 then 'workingPartially'
                 else 'totalFailure' end as new
          from wifi_hotspot h left join wifi_access_point a on a.hotspot_id = h.id
          group by h.id
        )
        update wifi_hotspot h set state = s.new, state_since = ${at}::timestamptz
        from s where h.id = s.id and s.old is distinct from s.new
        returning h.id, s.old as "from", s.new as "to"`,
  );
}
