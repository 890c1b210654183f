import { z } from 'zod';
import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import { requireRole, type AuthUser } from '../../platform/access';
import { AppError, detail } from '../../platform/errors';
import { render, zodMessage as t, type Lang, type Text } from '../../platform/i18n';
import type { WifiConfig } from './wifi.config';
import { joined, wifiMessages as M, zodIssueMsg } from './wifi.messages';
import * as trepo from './wifi.telemetry.repo';

/** MAC in any common notation → lower-case, colon separated; undefined when it is not a MAC. */
export function normalizeMac(v: string): string | undefined {
  const hex = v
    .trim()
    .toLowerCase()
    .replace(/[:\-.]/g, '');
  if (!/^[0-9a-f]{12}$/.test(hex)) return undefined;
  return hex.match(/../g)!.join(':');
}

const Mac = z.string().transform((v, ctx) => {
  const m = normalizeMac(v);
  if (m) return m;
  // The text holds the input, so it travels in params (zodIssueMsg) instead of zodMessage's registry.
  const msg = M.itemMacInvalid({ value: v });
  ctx.addIssue({ code: 'custom', message: msg.text.en, params: { msg } });
  return '';
});

const Counter = (name: string) =>
  z
    .number({ error: t(M.counterNotNumber({ name })) })
    .int(t(M.counterNotWhole({ name })))
    .min(0, t(M.counterNegative({ name })));

/** One heartbeat (HTTP batch item or MQTT message). rx/tx are bytes since the previous heartbeat. */
export const TelemetryItem = z.strictObject({
  mac: Mac,
  ts: z.union([z.iso.datetime({ offset: true }), z.number().positive()], {
    error: t(M.tsFormat()),
  }),
  clients: Counter('clients').max(100_000, t(M.clientsTooLarge())),
  rx_bytes: Counter('rx_bytes'),
  tx_bytes: Counter('tx_bytes'),
  uptime_s: Counter('uptime_s'),
  rtt_ms: z.number().min(0).max(600_000).nullish(),
  signal_dbm: z.number().min(-150).max(30).nullish(),
});
export type TelemetryItemInput = z.input<typeof TelemetryItem>;

export interface IngestResult {
  received: number;
  stored: number;
  duplicates: number;
  unknown: number;
  unknown_macs: string[];
  rejected: { index: number; message: string }[];
}

const FUTURE_SKEW_MS = 5 * 60_000;

/** The catalog key of a text, so a field-prefixed message keeps the key clients may look up. */
const msgKey = (text: Text) => (typeof text === 'string' ? 'wifi.itemInvalid' : text.key);

/** Telemetry ingestion shared by HTTP and MQTT: validate, dedup, one statement per batch. */
export class WifiTelemetry {
  private macs?: Map<string, number>;

  constructor(
    private readonly database: Database,
    private readonly cfg: WifiConfig,
    private readonly log: Logger,
  ) {}

  /** Forgets the MAC → AP index (after registry changes, on any instance). */
  resetMacIndex(): void {
    this.macs = undefined;
  }

  private async resolve(macs: string[]): Promise<Map<string, number>> {
    if (!this.macs) {
      const all = await trepo.macIndex(this.database.db);
      this.macs = new Map(all.map((r) => [r.mac, r.id]));
    }
    const missing = macs.filter((m) => !this.macs!.has(m));
    if (missing.length) {
      // APs registered on another instance since the index was built.
      for (const r of await trepo.macIndex(this.database.db, [...new Set(missing)])) this.macs.set(r.mac, r.id);
    }
    return this.macs;
  }

  /**
   * HTTP entry point: wifi_fleet (or admin) only; `body` is the parsed JSON. `lang` is the request's
   * language: the per-item rejections of a 200 answer are rendered in it (errors go through the handler).
   */
  async ingestHttp(user: AuthUser, body: unknown, lang: Lang = 'en'): Promise<IngestResult> {
    requireRole(user, 'wifi_fleet');
    if (!Array.isArray(body)) throw new AppError('validation_failed', M.batchNotArray());
    if (!body.length) throw new AppError('validation_failed', M.batchEmpty());
    if (body.length > this.cfg.maxBatch)
      throw new AppError('payload_too_large', M.batchTooLarge({ max: this.cfg.maxBatch, count: body.length }));
    const r = await this.validateAndStore(body, 'http');
    if (r.rejected.length === body.length)
      throw new AppError(
        'validation_failed',
        M.allRejected({ count: body.length }),
        r.rejected.slice(0, 500).map((x) => detail(`body.${x.index}`, x.msg)),
      );
    return { ...r, rejected: r.rejected.map((x) => ({ index: x.index, message: render(x.msg, lang) })) };
  }

  /** Validates and stores items; bad items are reported by index (in English), good ones stored. */
  async ingest(items: unknown[], via: 'http' | 'mqtt', now = new Date()): Promise<IngestResult> {
    const r = await this.validateAndStore(items, via, now);
    return { ...r, rejected: r.rejected.map((x) => ({ index: x.index, message: render(x.msg, 'en') })) };
  }

  private async validateAndStore(
    items: unknown[],
    via: 'http' | 'mqtt',
    now = new Date(),
  ): Promise<Omit<IngestResult, 'rejected'> & { rejected: { index: number; msg: Text }[] }> {
    const rejected: { index: number; msg: Text }[] = [];
    const oldest = now.getTime() - this.cfg.rawRetentionDays * 86_400_000 + 3600_000;
    const seen = new Set<string>();
    let duplicates = 0;
    const good: { mac: string; ts: number; item: z.output<typeof TelemetryItem> }[] = [];
    items.forEach((raw, index) => {
      const r = TelemetryItem.safeParse(raw);
      if (!r.success) {
        const i = r.error.issues[0];
        const text = zodIssueMsg(i, raw);
        return rejected.push({ index, msg: i.path.length ? joined(msgKey(text), `${i.path.join('.')}: `, text) : text });
      }
      const ts = typeof r.data.ts === 'number' ? r.data.ts * 1000 : Date.parse(r.data.ts);
      if (ts > now.getTime() + FUTURE_SKEW_MS) return rejected.push({ index, msg: M.tsInFuture() });
      if (ts < oldest) return rejected.push({ index, msg: M.tsTooOld({ days: this.cfg.rawRetentionDays }) });
      const key = `${r.data.mac}|${ts}`;
      if (seen.has(key)) {
        duplicates++;
        return;
      }
      seen.add(key);
      good.push({ mac: r.data.mac, ts, item: r.data });
    });
    const index = good.length ? await this.resolve(good.map((g) => g.mac)) : new Map<string, number>();
    const unknown = new Map<string, number>();
    const cols: trepo.HeartbeatColumns = { apId: [], ts: [], clients: [], rx: [], tx: [], uptime: [], rtt: [], signal: [] };
    for (const g of good) {
      const id = index.get(g.mac);
      if (id === undefined) {
        unknown.set(g.mac, (unknown.get(g.mac) ?? 0) + 1);
        continue;
      }
      cols.apId.push(id);
      cols.ts.push(new Date(g.ts).toISOString());
      cols.clients.push(g.item.clients);
      cols.rx.push(g.item.rx_bytes);
      cols.tx.push(g.item.tx_bytes);
      cols.uptime.push(g.item.uptime_s);
      cols.rtt.push(g.item.rtt_ms ?? null);
      cols.signal.push(g.item.signal_dbm ?? null);
    }
    let stored = 0;
    if (cols.apId.length) stored = await this.withRetry(() => trepo.insertHeartbeats(this.database, cols));
    duplicates += cols.apId.length - stored;
    if (unknown.size) {
      await trepo.recordUnknownMacs(this.database.db, [...unknown.keys()], [...unknown.values()], now.toISOString(), via);
    }
    const unknownCount = [...unknown.values()].reduce((a, b) => a + b, 0);
    return { received: items.length, stored, duplicates, unknown: unknownCount, unknown_macs: [...unknown.keys()].slice(0, 100), rejected };
  }

  // Two batches touching the same APs in a different order can deadlock on PostgreSQL; one retry
  // resolves it (the insert is idempotent).
  private async withRetry<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
      if (code !== '40P01') throw err;
      this.log.warn('wifi ingest deadlock, retrying once');
      return fn();
    }
  }

  /** MACs that reported but are not registered (newest first). */
  async unknownMacs(user: AuthUser, limit = 500) {
    requireRole(user, 'operator_opd', 'wifi_fleet');
    const rows = await trepo.listUnknownMacs(this.database.db, limit);
    return rows.map((r) => ({
      mac: r.mac,
      first_seen_at: new Date(r.first_seen_at).toISOString(),
      last_seen_at: new Date(r.last_seen_at).toISOString(),
      count: Number(r.count),
      via: r.via,
    }));
  }

  /** Removes a MAC from the unknown list (e.g. after registering or blocking it upstream). */
  async dismissUnknownMac(user: AuthUser, mac: string): Promise<void> {
    requireRole(user, 'operator_opd');
    await trepo.deleteUnknownMac(this.database.db, normalizeMac(mac) ?? mac);
  }
}
