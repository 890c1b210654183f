import { hashString, seededRandom } from '../../platform/geo';
import { WIB_OFFSET_MS } from './wifi.config';

// The behaviour of the demo fleet, shared by the history seed (past roll-ups and alerts) and the live
// demo feed (heartbeats now), so the past and the present tell the same story. Pure and
// deterministic: everything follows from the MAC, the provider and the time slot.
//
// Time is cut into slots of WIFI_HEARTBEAT_INTERVAL_S (one heartbeat each) and windows of 3 hours.
// In each window an AP may have one outage (silence) of 15 min–2 h; a few "bad" APs have one in most
// windows, and the demo "Provider C" a little more often than the others. On a few (AP, local day)
// pairs an AP stays reachable but serves nobody all day (0 clients: the "tidak ada pengguna" rule).

const WINDOW_MS = 3 * 3600_000;
const DAY_MS = 86_400_000;

export interface DemoAp {
  mac: string;
  provider: string | null;
}

export interface DemoProfile {
  /** How busy the place is (mean clients at the busiest hour ≈ size). */
  size: number;
  /** A chronically unreliable AP (the few bad rows at the bottom of the SLA table). */
  bad: boolean;
  /** Chance of an outage in a 3-hour window. */
  pOutage: number;
  seed: number;
}

/** The fixed character of a demo AP, from its MAC and provider. */
export function demoProfile(ap: DemoAp): DemoProfile {
  const seed = hashString(`wifi-demo:${ap.mac}`);
  const r = seededRandom(seed);
  const size = 3 + Math.floor(r() * 22);
  const bad = r() < 0.025;
  // Provider C (demo) is a little worse than A and B: the per-provider SLA shows it.
  const worse = (ap.provider ?? '').startsWith('Provider C');
  const pOutage = bad ? 0.15 : worse ? 0.016 : 0.008;
  return { size, bad, pOutage, seed };
}

/** One silence of an AP: heartbeats stop at `start` and resume at `end` (epoch ms, on slot boundaries). */
export interface Outage {
  start: number;
  end: number;
}

/**
 * A uniform number in [0, 1) from three integers (a stateless integer hash, murmur3's finaliser):
 * the seed reads it for every AP and window of two months, so it must not allocate.
 */
export function mix(seed: number, a: number, b: number): number {
  let h = (seed ^ Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x632be5ab, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** The outage of a profile in window `w` (index of 3-hour windows since the epoch), if any. */
export function outageInWindow(p: DemoProfile, w: number, intervalMs: number): Outage | null {
  if (mix(p.seed, w, 1) >= p.pOutage) return null;
  const maxMin = p.bad ? 170 : 120;
  const durMs = (15 + Math.floor(mix(p.seed, w, 2) * (maxMin - 15))) * 60_000;
  const startMs = w * WINDOW_MS + Math.floor(mix(p.seed, w, 3) * (WINDOW_MS - durMs));
  const snap = (t: number) => Math.ceil(t / intervalMs) * intervalMs;
  const start = snap(startMs);
  const end = Math.min(snap(startMs + durMs), (w + 1) * WINDOW_MS);
  return end > start ? { start, end } : null;
}

/** The outage covering instant `t` (epoch ms), if the AP is silent then. */
export function outageAt(p: DemoProfile, t: number, intervalMs: number): Outage | null {
  const o = outageInWindow(p, Math.floor(t / WINDOW_MS), intervalMs);
  return o && t >= o.start && t < o.end ? o : null;
}

/** Every outage that overlaps [from, to). */
export function outagesBetween(p: DemoProfile, from: number, to: number, intervalMs: number): Outage[] {
  const out: Outage[] = [];
  for (let w = Math.floor(from / WINDOW_MS); w * WINDOW_MS < to; w++) {
    const o = outageInWindow(p, w, intervalMs);
    if (o && o.end > from && o.start < to) out.push(o);
  }
  return out;
}

/** Local (WIB) date index of an instant: days since 1970-01-01 in Asia/Jakarta. */
export const localDayIndex = (t: number) => Math.floor((t + WIB_OFFSET_MS) / DAY_MS);
/** The instant a local day begins. */
export const localDayStart = (day: number) => day * DAY_MS - WIB_OFFSET_MS;

/** True when the AP is up all that local day but nobody uses it (0 clients): ~0.4 % of AP-days. */
export function zeroClientDay(p: DemoProfile, day: number): boolean {
  return mix(p.seed, day, 4) < 0.004;
}

// Relative use by local hour (night low, evening high); weekdays 07:00–14:00 get the school (PJJ) peak.
const DAY_CURVE = [
  0.1, 0.06, 0.04, 0.03, 0.03, 0.08, 0.25, 0.55, 0.7, 0.75, 0.75, 0.7, 0.75, 0.75, 0.6, 0.55, 0.65, 0.75, 0.85, 0.95, 1, 0.8, 0.5, 0.25,
];

/** True inside school hours: 07:00–14:00 WIB, Monday to Friday (the roll-up's definition). */
export function isSchoolHour(t: number): boolean {
  const local = new Date(t + WIB_OFFSET_MS);
  const dow = local.getUTCDay();
  const h = local.getUTCHours();
  return dow >= 1 && dow <= 5 && h >= 7 && h < 14;
}

/** Use at an instant relative to an AP's size: the daily curve, a school-hours peak on weekdays, quieter weekends. */
export function useFactor(t: number): number {
  const local = new Date(t + WIB_OFFSET_MS);
  const dow = local.getUTCDay();
  // A city-wide factor per day (exams, rain, holidays), so the daily charts are not flat lines.
  const f = DAY_CURVE[local.getUTCHours()] * (0.85 + 0.3 * mix(0x0c17, localDayIndex(t), 9));
  if (isSchoolHour(t)) return f * 1.7;
  return dow === 0 || dow === 6 ? f * 0.8 : f;
}

/** Mean clients of an AP at an instant. */
export function meanClients(p: DemoProfile, t: number): number {
  return p.size * useFactor(t);
}

/**
 * Bytes a connected client moves per second, on average: ≈ 0.2 Mbit/s (most phones idle, some in a
 * PJJ video call), ≈ 20 GB a day for a busy point on a 10 Mbit/s line.
 */
export const BYTES_PER_CLIENT_S = 25_000;
