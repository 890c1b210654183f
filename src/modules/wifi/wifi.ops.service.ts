import type { Database } from '../../db/client';
import type { EventBus } from '../../platform/events/bus';
import { requireRole, type AuthUser } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, notFound } from '../../platform/errors';
import { wifiMessages as M } from './wifi.messages';
import type { WilayahService } from '../wilayah';
import type { WifiConfig } from './wifi.config';
import { downSince } from './wifi.health';
import { toCsv } from '../../platform/csv';
import * as orepo from './wifi.ops.repo';
import * as trepo from './wifi.telemetry.repo';
import { normalizeMac } from './wifi.telemetry.service';

export const COVERAGE_TARGET = 2;
/** Rows per keyset page when the alert CSV export walks the whole history. */
export const ALERT_EXPORT_PAGE = 1000;
/** Rows in the unknown-MAC CSV: the list is pruned by operators; this only bounds a runaway one. */
const UNKNOWN_MAC_EXPORT_MAX = 100_000;
const iso = (d: string | Date | null) => (d ? new Date(d).toISOString() : null);

/** Operations views for operator_opd/admin: APs not OK, alerts, coverage, SLA and usage. */
export class WifiOps {
  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    private readonly wilayah: WilayahService,
    private readonly cfg: WifiConfig,
  ) {}

  /**
   * APs of active hotspots that are PROBLEM/CRITICAL (and UNKNOWN on request), down longest first.
   * `since` is when the health check set the current health; `down_since` when the condition began
   * (last heartbeat, or start of the zero-clients period; null when never reported), and
   * `duration_s` counts from `down_since`.
   */
  async apsNotOk(user: AuthUser, includeUnknown: boolean, now = new Date()) {
    requireRole(user, 'operator_opd');
    const rows = await orepo.apsNotOk(this.database.db, includeUnknown);
    const date = (d: string | null) => (d ? new Date(d) : null);
    const out = rows.map((r) => {
      const down = downSince(
        { firstSeenAt: date(r.first_seen_at), lastSeenAt: date(r.last_seen_at), lastNonzeroAt: date(r.last_nonzero_at) },
        r.health,
        r.health_reason,
      );
      return {
        mac: r.mac,
        health: r.health,
        reason: r.health_reason,
        since: iso(r.health_since)!,
        down_since: down ? down.toISOString() : null,
        duration_s: down ? Math.max(0, Math.round((now.getTime() - down.getTime()) / 1000)) : null,
        last_seen_at: iso(r.last_seen_at),
        hotspot_id: r.hotspot_id,
        hotspot_name: r.hotspot_name,
        kelurahan_code: r.kelurahan_code,
        rw_code: r.rw_code,
        provider: r.provider,
      };
    });
    // Longest down first; never-reported (no down_since) last, in the repo's order (stable sort).
    return out.sort((a, b) =>
      a.down_since === b.down_since ? 0 : a.down_since === null ? 1 : b.down_since === null ? -1 : a.down_since < b.down_since ? -1 : 1,
    );
  }

  /** Alert history, newest first, keyset paged (`before` = next_before of the previous page). */
  async alerts(user: AuthUser, f: Omit<orepo.AlertFilter, 'mac'> & { mac?: string }, now = new Date()) {
    const filter = this.alertFilter(user, f);
    const rows = await orepo.listAlerts(this.database.db, filter);
    const items = rows.map((r) => presentAlert(r, now));
    return { items, next_before: rows.length === f.limit ? rows[rows.length - 1].id : null };
  }

  /**
   * Every alert matching the filter (the whole history, newest first; `limit` is ignored), for CSV
   * export. Access and input are checked at the call; the rows are read lazily in keyset pages of
   * ALERT_EXPORT_PAGE, so memory stays bounded whatever the history's size.
   */
  alertsExport(
    user: AuthUser,
    f: Omit<orepo.AlertFilter, 'mac' | 'limit'> & { mac?: string },
    now = new Date(),
  ): AsyncGenerator<ReturnType<typeof presentAlert>> {
    const filter = this.alertFilter(user, { ...f, limit: ALERT_EXPORT_PAGE });
    const db = this.database.db;
    return (async function* () {
      let before = filter.beforeId;
      for (;;) {
        const rows = await orepo.listAlerts(db, { ...filter, beforeId: before });
        for (const r of rows) yield presentAlert(r, now);
        if (rows.length < ALERT_EXPORT_PAGE) return;
        before = rows[rows.length - 1].id;
      }
    })();
  }

  private alertFilter(user: AuthUser, f: Omit<orepo.AlertFilter, 'mac'> & { mac?: string }): orepo.AlertFilter {
    requireRole(user, 'operator_opd');
    const mac = f.mac ? normalizeMac(f.mac) : undefined;
    if (f.mac && !mac) throw new AppError('validation_failed', M.filterMacInvalid({ value: f.mac }));
    return { ...f, mac };
  }

  /** Acknowledges an alert with an optional note (audited); the alert still closes by itself. */
  async acknowledge(user: AuthUser, id: number, note: string | undefined, requestId?: string) {
    requireRole(user, 'operator_opd');
    const at = new Date().toISOString();
    const row = await this.database.db.transaction(async (tx) => {
      const r = await orepo.ackAlert(tx, id, user.email, note ?? null, at);
      if (!r) throw notFound(M.alert({ id }));
      await recordAudit(tx, {
        actor: user,
        action: 'acknowledge',
        entity: 'wifi.alert',
        entityId: String(id),
        after: { note: note ?? null },
        requestId,
      });
      return r;
    });
    await this.events.publish('wifi.alert.acknowledged', { id, at });
    return presentAlert(row, new Date());
  }

  /**
   * The unknown-MAC list as CSV, like the other operations tables: operator_opd/admin only (the
   * fleet account may read the JSON list, but exports are for operators). Every row, newest first.
   */
  async unknownMacsCsv(user: AuthUser, columns: string[]): Promise<string> {
    requireRole(user, 'operator_opd');
    const rows = await trepo.listUnknownMacs(this.database.db, UNKNOWN_MAC_EXPORT_MAX);
    return toCsv(
      columns,
      rows.map((r) => ({
        mac: r.mac,
        first_seen_at: new Date(r.first_seen_at).toISOString(),
        last_seen_at: new Date(r.last_seen_at).toISOString(),
        count: Number(r.count),
        via: r.via,
      })),
    );
  }

  /** Working points per RW against the target of 2 (every RW of the city, including those with none). */
  async coverage(user: AuthUser, belowOnly: boolean, kelurahan?: string) {
    requireRole(user, 'operator_opd');
    const [rws, kels, counts] = await Promise.all([
      this.wilayah.allRwPoints(),
      this.wilayah.listKelurahan(),
      orepo.coverageCounts(this.database.db),
    ]);
    const name = new Map(kels.map((k) => [k.code, k.name]));
    const byRw = new Map(counts.map((c) => [c.rw_code, c]));
    return rws
      .filter((r) => !kelurahan || r.kelurahanCode === kelurahan)
      .map((r) => {
        const c = byRw.get(r.code);
        const working = c?.working ?? 0;
        return {
          rw_code: r.code,
          kelurahan_code: r.kelurahanCode,
          kelurahan_name: name.get(r.kelurahanCode) ?? '',
          hotspots: c?.total ?? 0,
          working,
          target: COVERAGE_TARGET,
          gap: Math.max(0, COVERAGE_TARGET - working),
          lat: r.lat,
          lng: r.lng,
        };
      })
      .filter((r) => !belowOnly || r.gap > 0);
  }

  /** GeoJSON points (RW anchor points from wilayah) of the RWs below target. */
  async coverageGeojson(user: AuthUser) {
    const rows = await this.coverage(user, true);
    return {
      type: 'FeatureCollection',
      features: rows.map(({ lat, lng, ...p }) => ({
        type: 'Feature',
        id: p.rw_code,
        geometry: { type: 'Point', coordinates: [lng, lat] },
        properties: p,
      })),
    };
  }

  /**
   * Uptime % for a local month from the daily aggregates: heartbeats received ÷ heartbeats expected
   * (period ÷ WIFI_HEARTBEAT_INTERVAL_S per AP), capped at 100. The current month counts up to now.
   */
  async sla(user: AuthUser, month: string, by: 'ap' | 'rw' | 'kelurahan' | 'provider', now = new Date()) {
    requireRole(user, 'operator_opd');
    const [y, m] = month.split('-').map(Number);
    const start = Date.UTC(y, m - 1, 1) - 7 * 3600_000;
    const end = Date.UTC(y, m, 1) - 7 * 3600_000;
    const until = Math.min(end, now.getTime());
    if (until <= start) throw new AppError('validation_failed', M.monthNotStarted({ month }));
    const lastDay = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const rows = await orepo.heartbeatsPerAp(this.database.db, `${month}-01`, lastDay);
    const expectedPerAp = Math.floor((until - start) / 1000 / this.cfg.heartbeatIntervalS);
    // Two kelurahan are called Curug (Bojongsari and Cimanggis): a repeated name carries its kecamatan.
    const kels = by === 'kelurahan' ? await this.wilayah.listKelurahan() : [];
    const repeated = new Set(kels.filter((k, i) => kels.findIndex((o) => o.name === k.name) !== i).map((k) => k.name));
    const names =
      by === 'kelurahan'
        ? new Map(kels.map((k) => [k.code, repeated.has(k.name) ? `${k.name} (${k.kecamatan_name})` : k.name]))
        : undefined;
    const groups = new Map<string, { label: string; aps: number; heartbeats: number }>();
    for (const r of rows) {
      const key =
        by === 'ap'
          ? r.mac
          : by === 'rw'
            ? (r.rw_code ?? '(tanpa RW)')
            : by === 'kelurahan'
              ? r.kelurahan_code
              : (r.provider ?? '(tanpa provider)');
      const label = by === 'ap' ? r.hotspot_name : by === 'kelurahan' ? (names!.get(key) ?? key) : key;
      const g = groups.get(key) ?? { label, aps: 0, heartbeats: 0 };
      g.aps++;
      g.heartbeats += Math.min(Number(r.heartbeats), expectedPerAp);
      groups.set(key, g);
    }
    const out = [...groups.entries()]
      .map(([key, g]) => {
        const expected = expectedPerAp * g.aps;
        return {
          key,
          label: g.label,
          aps: g.aps,
          heartbeats: g.heartbeats,
          expected,
          uptime_pct: expected ? Math.round((g.heartbeats / expected) * 10000) / 100 : 0,
        };
      })
      .sort((a, b) => a.key.localeCompare(b.key));
    return {
      month,
      by,
      period_start: new Date(start).toISOString(),
      period_end: new Date(until).toISOString(),
      heartbeat_interval_s: this.cfg.heartbeatIntervalS,
      rows: out,
    };
  }

  /** Clients and traffic per local day and kelurahan, with the school-hours part (07:00–14:00 WIB, Mon–Fri). */
  async usage(user: AuthUser, from: string, to: string, kelurahan?: string) {
    requireRole(user, 'operator_opd');
    if (to < from) throw new AppError('validation_failed', M.toBeforeFrom());
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > 366) throw new AppError('validation_failed', M.rangeTooLong());
    const rows = await orepo.usageByDayKelurahan(this.database.db, from, to, kelurahan);
    const avg = (sum: number, n: number) => (n ? Math.round((sum / n) * 100) / 100 : 0);
    return rows.map((r) => ({
      day: r.day,
      kelurahan_code: r.kelurahan_code,
      aps: r.aps,
      clients_avg: avg(Number(r.clients_sum), Number(r.heartbeats)),
      clients_max: Number(r.clients_max),
      rx_bytes: Number(r.rx_bytes),
      tx_bytes: Number(r.tx_bytes),
      school_clients_avg: avg(Number(r.school_clients_sum), Number(r.school_heartbeats)),
      school_rx_bytes: Number(r.school_rx_bytes),
      school_tx_bytes: Number(r.school_tx_bytes),
    }));
  }
}

function presentAlert(r: orepo.AlertRow, now: Date) {
  const start = new Date(r.started_at);
  const end = r.ended_at ? new Date(r.ended_at) : now;
  return {
    id: Number(r.id),
    mac: r.mac,
    hotspot_id: r.hotspot_id,
    hotspot_name: r.hotspot_name,
    kelurahan_code: r.kelurahan_code,
    rw_code: r.rw_code,
    severity: r.severity,
    reason: r.reason,
    started_at: start.toISOString(),
    detected_at: iso(r.detected_at)!,
    ended_at: iso(r.ended_at),
    duration_s: Math.max(0, Math.round((end.getTime() - start.getTime()) / 1000)),
    acknowledged_at: iso(r.acknowledged_at),
    acknowledged_by: r.acknowledged_by,
    ack_note: r.ack_note,
  };
}
