import { WIB_OFFSET_MS, type HealthRules } from './wifi.config';

// Pure health rules (openwisp-style threshold + tolerance), unit-tested without a database.

export type Health = 'OK' | 'PROBLEM' | 'CRITICAL' | 'UNKNOWN';
export type HotspotState = 'working' | 'workingPartially' | 'totalFailure' | 'noService';

export const REASON = {
  neverReported: 'belum pernah melapor',
  noHeartbeat: 'tidak ada heartbeat',
  noUsers: 'tidak ada pengguna',
} as const;

export interface ApTimes {
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  lastNonzeroAt: Date | null;
}

/** Seconds of [from, to) that fall inside the daily active window (local WIB hours). */
export function activeSecondsBetween(from: Date, to: Date, fromHour: number, toHour: number): number {
  if (to <= from) return 0;
  const DAY = 86_400_000;
  const a = from.getTime() + WIB_OFFSET_MS;
  const b = to.getTime() + WIB_OFFSET_MS;
  let total = 0;
  for (let day = Math.floor(a / DAY) * DAY; day < b; day += DAY) {
    const ws = Math.max(a, day + fromHour * 3600_000);
    const we = Math.min(b, day + toHour * 3600_000);
    if (we > ws) total += we - ws;
  }
  return total / 1000;
}

/** The health of one AP at `now`, with the reason shown to operators. */
export function apHealth(t: ApTimes, now: Date, r: HealthRules): { health: Health; reason: string | null } {
  if (!t.lastSeenAt) return { health: 'UNKNOWN', reason: null };
  const silentS = (now.getTime() - t.lastSeenAt.getTime()) / 1000;
  if (silentS >= r.noHeartbeatCriticalS)
    return { health: 'CRITICAL', reason: `${REASON.noHeartbeat} ≥ ${Math.round(r.noHeartbeatCriticalS / 60)} menit` };
  if (silentS >= r.noHeartbeatProblemS)
    return { health: 'PROBLEM', reason: `${REASON.noHeartbeat} ≥ ${Math.round(r.noHeartbeatProblemS / 60)} menit` };
  // Zero clients since the last heartbeat that had any (or since first seen), counted in active hours only.
  const since = t.lastNonzeroAt ?? t.firstSeenAt;
  if (since && activeSecondsBetween(since, now, r.activeFromHour, r.activeToHour) >= r.zeroClientsS)
    return { health: 'PROBLEM', reason: REASON.noUsers };
  return { health: 'OK', reason: null };
}

/**
 * When the condition behind a not-OK health began, as opposed to when the health check noticed it:
 * the last heartbeat for the silence rules, the start of the zero-clients period (the last heartbeat
 * with clients, else the first heartbeat) for "tidak ada pengguna"; null for OK and UNKNOWN.
 */
export function downSince(t: ApTimes, health: string, reason: string | null): Date | null {
  if (health !== 'PROBLEM' && health !== 'CRITICAL') return null;
  if (reason === REASON.noUsers) return t.lastNonzeroAt ?? t.firstSeenAt;
  return t.lastSeenAt;
}

/** "up" in FIWARE terms: reachable, even if nobody is using it. */
export function apUp(health: string, reason: string | null): boolean {
  return health === 'OK' || (health === 'PROBLEM' && reason === REASON.noUsers);
}

/**
 * FIWARE wifiStatus from the APs: noService when the place has no AP, is not active, or no AP has
 * ever reported; otherwise working / workingPartially / totalFailure by how many are up.
 */
export function hotspotState(status: string, aps: { health: string; reason: string | null }[]): HotspotState {
  if (status !== 'active' || !aps.length || aps.every((a) => a.health === 'UNKNOWN')) return 'noService';
  const up = aps.filter((a) => apUp(a.health, a.reason)).length;
  if (up === aps.length) return 'working';
  return up > 0 ? 'workingPartially' : 'totalFailure';
}

/** Alert severity order for escalation. */
export const SEVERITY_RANK: Record<string, number> = { PROBLEM: 1, CRITICAL: 2 };
