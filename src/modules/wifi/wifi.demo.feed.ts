import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import type { AppContext } from '../../platform/module';
import { seededRandom } from '../../platform/geo';
import type { DemoFeedMode } from './wifi.config';
import { HISTORY_UNTIL_KEY } from './wifi.demo.history';
import {
  BYTES_PER_CLIENT_S,
  demoProfile,
  localDayIndex,
  localDayStart,
  meanClients,
  outageAt,
  outageInWindow,
  zeroClientDay,
  type DemoProfile,
} from './wifi.demo.model';
import * as drepo from './wifi.demo.repo';
import type { WifiService } from './wifi.service';
import * as trepo from './wifi.telemetry.repo';

// Live demo feed: on a demo install nobody runs the fleet simulator, so the server plays the demo
// fleet itself. Every WIFI_HEARTBEAT_INTERVAL_S it sends one heartbeat per demo AP of an active demo
// hotspot through the telemetry service (the same validation and storage as HTTP and MQTT), except
// for the APs the demo model has silent now; a few APs serve 0 clients all day. The health job then
// finds real states and opens and closes alerts. It never touches an AP that is not a demo device of
// a demo hotspot.

export const DEMO_FEED_JOB = 'wifi.demo.feed';
/** At most this many missed slots are filled in after a pause (a restart, a slow run). */
const MAX_CATCH_UP_SLOTS = 5;
const WINDOW_MS = 3 * 3600_000;

export interface FeedTick {
  aps: number;
  sent: number;
  stored: number;
  silent: number;
  zero_clients: number;
}

interface Heartbeat {
  mac: string;
  ts: string;
  clients: number;
  rx_bytes: number;
  tx_bytes: number;
  uptime_s: number;
  rtt_ms: number;
  signal_dbm: number;
}

export class DemoFeed {
  private lastSlot = -1;

  constructor(
    private readonly wifi: WifiService,
    private readonly database: Database,
  ) {}

  /** Sends the heartbeats of the slots since the last tick (the current one on the first), as of `now`. */
  async tick(now = new Date()): Promise<FeedTick> {
    const intervalMs = this.wifi.cfg.heartbeatIntervalS * 1000;
    const db = this.database.db;
    const aps = await drepo.demoAps(db);
    // Never write into hours the history seed already rolled up (a raw row there would re-roll them).
    const until = await trepo.getSetting<string>(db, HISTORY_UNTIL_KEY);
    const floor = until ? Math.ceil(Date.parse(until) / intervalMs) * intervalMs : 0;
    const cur = Math.floor(now.getTime() / intervalMs);
    const first = this.lastSlot < 0 ? cur : Math.max(this.lastSlot + 1, cur - MAX_CATCH_UP_SLOTS + 1);
    const items: Heartbeat[] = [];
    let silent = 0;
    let zero = 0;
    for (const ap of aps) {
      const prof = demoProfile(ap);
      const nowT = cur * intervalMs;
      const zeroToday = zeroClientDay(prof, localDayIndex(nowT));
      const o = outageAt(prof, nowT, intervalMs);
      if (o) {
        silent++;
        // The last heartbeat before the silence, so the first tick after a (re)start already shows how
        // long the AP has been silent — even when the silence began before the seeded history ended
        // (clamping it to the history end made a fresh start show no outage for its first 5 minutes).
        // The roll-up adds raw rows by arrival, so this one heartbeat is counted at most once more.
        // Later ticks resend it; the store ignores the duplicate.
        items.push(heartbeat(ap.mac, prof, o.start - intervalMs, intervalMs, false));
      }
      if (zeroToday) {
        zero++;
        // The last heartbeat with clients: just before the local day began (clients resume tomorrow).
        items.push(heartbeat(ap.mac, prof, Math.max(localDayStart(localDayIndex(nowT)) - intervalMs, floor), intervalMs, false, 1));
      }
      for (let n = first; n <= cur; n++) {
        const t = n * intervalMs;
        if (t < floor || outageAt(prof, t, intervalMs)) continue;
        items.push(heartbeat(ap.mac, prof, t, intervalMs, zeroClientDay(prof, localDayIndex(t))));
      }
    }
    this.lastSlot = cur;
    const r = items.length ? await this.wifi.telemetry.ingest(items, 'http', now) : { stored: 0 };
    return { aps: aps.length, sent: items.length, stored: r.stored, silent, zero_clients: zero };
  }
}

/** One heartbeat of a demo AP at slot time `t`; deterministic per (AP, t). */
function heartbeat(mac: string, p: DemoProfile, t: number, intervalMs: number, zero: boolean, forceClients?: number): Heartbeat {
  const r = seededRandom((p.seed ^ Math.imul(Math.floor(t / intervalMs), 0x27d4eb2d)) >>> 0);
  const clients = forceClients ?? (zero ? 0 : Math.max(0, Math.round(meanClients(p, t) * (0.7 + r() * 0.6))));
  const rx = Math.round(clients * (intervalMs / 1000) * BYTES_PER_CLIENT_S * (0.7 + r() * 0.6));
  return {
    mac,
    ts: new Date(t).toISOString(),
    clients,
    rx_bytes: rx,
    tx_bytes: Math.round(rx * 0.2),
    uptime_s: uptimeS(p, t, intervalMs),
    rtt_ms: Math.round((p.bad ? 40 : 8) + r() * 40),
    signal_dbm: Math.round(-45 - r() * 35),
  };
}

/** Seconds since the AP came back from its last outage within a day, else a long steady uptime. */
function uptimeS(p: DemoProfile, t: number, intervalMs: number): number {
  const w = Math.floor(t / WINDOW_MS);
  for (let k = w; k > w - 8; k--) {
    const o = outageInWindow(p, k, intervalMs);
    if (o && o.end <= t) return Math.round((t - o.end) / 1000);
  }
  return Math.round((t - (w - 8) * WINDOW_MS) / 1000) + (p.seed % (20 * 86_400));
}

/** Whether the feed runs: `on`/`off` as set; `auto` (unset) when demo data is seeded and demo hotspots exist. */
export async function demoFeedWanted(ctx: AppContext, mode: DemoFeedMode): Promise<boolean> {
  if (mode === 'off') return false;
  if (mode === 'auto' && !ctx.config.SEED_DEMO) return false;
  return drepo.hasDemoHotspots(ctx.database.db);
}

/**
 * Registers the feed job (one instance at a time, like every job) when wanted, and feeds and
 * evaluates once right away so a fresh demo shows states within seconds, not after the first minute.
 */
export async function startDemoFeed(
  ctx: AppContext,
  mode: DemoFeedMode = ctx.services.wifi.cfg.demoFeed,
  log: Logger = ctx.log,
): Promise<(() => Promise<void>) | undefined> {
  if (!(await demoFeedWanted(ctx, mode))) return undefined;
  const wifi = ctx.services.wifi;
  const feed = new DemoFeed(wifi, ctx.database);
  ctx.jobs.register({
    name: DEMO_FEED_JOB,
    everyMs: wifi.cfg.heartbeatIntervalS * 1000,
    run: async () => void (await feed.tick()),
  });
  log.info('wifi demo feed on: demo APs report every %d s (WIFI_DEMO_FEED=false turns it off)', wifi.cfg.heartbeatIntervalS);
  const first = (async () => {
    await ctx.jobs.runNow(DEMO_FEED_JOB);
    await ctx.jobs.runNow('wifi.health.evaluate');
  })().catch((err: unknown) => log.warn({ err }, 'wifi demo feed: first run failed'));
  return async () => {
    await first;
  };
}
