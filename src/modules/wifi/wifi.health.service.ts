import { z } from 'zod';
import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import type { EventBus } from '../../platform/events/bus';
import { requireRole, type AuthUser } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { AppError } from '../../platform/errors';
import { wifiMessages as M } from './wifi.messages';
import type { HealthRules, WifiConfig } from './wifi.config';
import { apHealth, downSince, SEVERITY_RANK } from './wifi.health';
import * as hrepo from './wifi.health.repo';
import * as orepo from './wifi.ops.repo';
import * as trepo from './wifi.telemetry.repo';

// Per-change events are capped per run so a city-wide outage does not flood NOTIFY; the summary
// event `wifi.health.evaluated` always carries the totals.
const MAX_EVENTS_PER_RUN = 200;

export const RulesInput = z.strictObject({
  no_heartbeat_problem_s: z.number().int().min(30).max(86_400),
  no_heartbeat_critical_s: z
    .number()
    .int()
    .min(60)
    .max(7 * 86_400),
  zero_clients_s: z
    .number()
    .int()
    .min(60)
    .max(7 * 86_400),
  active_from_hour: z.number().int().min(0).max(23),
  active_to_hour: z.number().int().min(1).max(24),
});
export type RulesInputT = z.infer<typeof RulesInput>;

export const presentRules = (r: HealthRules): RulesInputT => ({
  no_heartbeat_problem_s: r.noHeartbeatProblemS,
  no_heartbeat_critical_s: r.noHeartbeatCriticalS,
  zero_clients_s: r.zeroClientsS,
  active_from_hour: r.activeFromHour,
  active_to_hour: r.activeToHour,
});

export interface EvaluationSummary {
  evaluated: number;
  aps_changed: number;
  alerts_opened: number;
  alerts_closed: number;
  hotspots_changed: number;
  counts: Record<string, number>;
}

/** Health evaluation, alerts, roll-ups and retention. Every entry point takes `now` so tests drive time. */
export class WifiHealth {
  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    private readonly cfg: WifiConfig,
    private readonly log: Logger,
    private readonly onStateChange: () => void,
  ) {}

  /** The rules in force: an admin's stored override, else the environment defaults. */
  async rules(): Promise<HealthRules> {
    const stored = await trepo.getSetting<RulesInputT>(this.database.db, 'health_rules');
    if (!stored) return this.cfg.rules;
    return {
      noHeartbeatProblemS: stored.no_heartbeat_problem_s,
      noHeartbeatCriticalS: stored.no_heartbeat_critical_s,
      zeroClientsS: stored.zero_clients_s,
      activeFromHour: stored.active_from_hour,
      activeToHour: stored.active_to_hour,
    };
  }

  /** Admin: replaces the health rules for every instance (audited). */
  async setRules(user: AuthUser, input: RulesInputT, requestId?: string): Promise<RulesInputT> {
    requireRole(user, 'admin');
    if (input.no_heartbeat_critical_s <= input.no_heartbeat_problem_s) throw new AppError('validation_failed', M.criticalNotLonger());
    if (input.active_to_hour <= input.active_from_hour) throw new AppError('validation_failed', M.activeHoursOrder());
    const before = presentRules(await this.rules());
    await this.database.db.transaction(async (tx) => {
      await trepo.putSetting(tx, 'health_rules', input);
      await recordAudit(tx, {
        actor: user,
        action: 'update',
        entity: 'wifi.health_rules',
        entityId: 'health_rules',
        before,
        after: input,
        requestId,
      });
    });
    return input;
  }

  /** Computes every AP's health at `now`, opens/escalates/closes alerts, derives hotspot states, publishes changes. */
  async evaluate(now = new Date()): Promise<EvaluationSummary> {
    const rules = await this.rules();
    const at = now.toISOString();
    const events: { type: string; data: unknown }[] = [];
    const summary = await this.database.db.transaction(async (tx) => {
      // Only the APs whose health may have changed (or that have an alert) come back; the others are OK.
      const aps = await hrepo.apsToEvaluate(tx, at, rules);
      const total = await hrepo.countAps(tx);
      const open = new Map((await orepo.openAlerts(tx)).map((a) => [a.ap_id, a]));
      const counts: Record<string, number> = { OK: total - aps.length, PROBLEM: 0, CRITICAL: 0, UNKNOWN: 0 };
      const ch = { ids: [] as number[], health: [] as string[], reasons: [] as (string | null)[] };
      const ins = { ap: [] as number[], hs: [] as number[], sev: [] as string[], rsn: [] as string[], started: [] as string[] };
      const esc = { ids: [] as number[], sev: [] as string[], rsn: [] as string[] };
      const close: number[] = [];
      for (const ap of aps) {
        const times = {
          firstSeenAt: ap.first_seen_at ? new Date(ap.first_seen_at) : null,
          lastSeenAt: ap.last_seen_at ? new Date(ap.last_seen_at) : null,
          lastNonzeroAt: ap.last_nonzero_at ? new Date(ap.last_nonzero_at) : null,
        };
        const h = apHealth(times, now, rules);
        counts[h.health]++;
        if (h.health !== ap.health || h.reason !== ap.health_reason) {
          ch.ids.push(ap.id);
          ch.health.push(h.health);
          ch.reasons.push(h.reason);
          if (events.length < MAX_EVENTS_PER_RUN)
            events.push({
              type: 'wifi.ap.state_changed',
              data: { mac: ap.mac, hotspot_id: ap.hotspot_id, from: ap.health, to: h.health, reason: h.reason, at },
            });
        }
        const bad = h.health === 'PROBLEM' || h.health === 'CRITICAL';
        const existing = open.get(ap.id);
        // Alerts only for places in service: planned / maintenance / decommissioned points stay quiet.
        if (bad && ap.hotspot_status === 'active') {
          if (!existing) {
            ins.ap.push(ap.id);
            ins.hs.push(ap.hotspot_id);
            ins.sev.push(h.health);
            ins.rsn.push(h.reason!);
            // The alert starts when the condition began (AP went silent / stopped serving), not when this run noticed it.
            ins.started.push((downSince(times, h.health, h.reason) ?? now).toISOString());
          } else if (existing.reason !== h.reason || (SEVERITY_RANK[h.health] ?? 0) > (SEVERITY_RANK[existing.severity] ?? 0)) {
            esc.ids.push(Number(existing.id));
            esc.sev.push((SEVERITY_RANK[h.health] ?? 0) > (SEVERITY_RANK[existing.severity] ?? 0) ? h.health : existing.severity);
            esc.rsn.push(h.reason!);
          }
        } else if (existing) {
          close.push(Number(existing.id));
          if (events.length < MAX_EVENTS_PER_RUN)
            events.push({
              type: 'wifi.alert.closed',
              data: { id: Number(existing.id), mac: ap.mac, hotspot_id: ap.hotspot_id, ended_at: at },
            });
        }
      }
      await orepo.setApHealth(tx, ch.ids, ch.health, ch.reasons, at);
      const opened = await orepo.insertAlerts(tx, ins.ap, ins.hs, ins.sev, ins.rsn, ins.started, at);
      const macOf = new Map(aps.map((a) => [a.id, a]));
      const insAt = new Map(ins.ap.map((id, i) => [id, i]));
      for (const o of opened) {
        if (events.length >= MAX_EVENTS_PER_RUN) break;
        const ap = macOf.get(o.ap_id)!;
        const i = insAt.get(o.ap_id)!;
        events.push({
          type: 'wifi.alert.opened',
          data: {
            id: Number(o.id),
            mac: ap.mac,
            hotspot_id: ap.hotspot_id,
            severity: ins.sev[i],
            reason: ins.rsn[i],
            started_at: ins.started[i],
            detected_at: at,
          },
        });
      }
      await orepo.escalateAlerts(tx, esc.ids, esc.sev, esc.rsn);
      await orepo.closeAlerts(tx, close, at);

      // Hotspot states from the APs' health as just stored, in the database (see hotspotState()).
      const hsChanged = (await hrepo.updateHotspotStates(tx, at)).sort((a, b) => a.id - b.id);
      for (const h of hsChanged) {
        if (events.length >= MAX_EVENTS_PER_RUN) break;
        events.push({ type: 'wifi.hotspot.state_changed', data: { id: h.id, from: h.from, to: h.to, at } });
      }
      return {
        evaluated: total,
        aps_changed: ch.ids.length,
        alerts_opened: opened.length,
        alerts_closed: close.length,
        hotspots_changed: hsChanged.length,
        counts,
      };
    });
    if (summary.aps_changed || summary.hotspots_changed) this.onStateChange();
    for (const e of events) await this.events.publish(e.type, e.data);
    await this.events.publish('wifi.health.evaluated', { at, ...summary });
    return summary;
  }

  /**
   * Adds heartbeats received since the last run to the hourly and daily aggregates (each raw row is
   * read once), then prunes raw rows older than the retention window and hourly rows older than
   * theirs. Only whole hours are pruned and ingest refuses heartbeats older than the window minus an
   * hour, so no raw row is pruned before it was rolled up.
   */
  async rollup(now = new Date(), opts: { settleMs?: number } = {}) {
    const db = this.database.db;
    // received_at is the inserting transaction's start; the horizon stops short of any transaction
    // still open, so a batch committing late is taken by the next run instead of being skipped.
    const upto = await trepo.rollupHorizon(db, this.database.kind, opts.settleMs ?? 0);
    const fromS = await trepo.getSetting<string>(db, 'rollup_watermark');
    const from = fromS ? new Date(fromS) : null;
    const { hours, days } =
      from && upto <= from
        ? { hours: 0, days: 0 }
        : await db.transaction(async (tx) => {
            const added = await trepo.addToRollups(tx, from, upto);
            await trepo.putSetting(tx, 'rollup_watermark', upto.toISOString());
            return added;
          });
    const rawCut = new Date(Math.floor((now.getTime() - this.cfg.rawRetentionDays * 86_400_000) / 3600_000) * 3600_000);
    const prunedRaw = await trepo.pruneRaw(db, rawCut);
    const prunedHourly = await trepo.pruneHourly(db, new Date(now.getTime() - this.cfg.hourlyRetentionDays * 86_400_000));
    const r = {
      hours,
      days,
      pruned_raw: prunedRaw,
      pruned_hourly: prunedHourly,
      raw_cutoff: rawCut.toISOString(),
    };
    this.log.debug(r, 'wifi rollup');
    return r;
  }
}
