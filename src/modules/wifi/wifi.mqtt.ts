import os from 'node:os';
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { WifiConfig } from './wifi.config';
import { normalizeMac, type WifiTelemetry } from './wifi.telemetry.service';

export interface MqttStats {
  received: number;
  stored: number;
  duplicates: number;
  unknown: number;
  rejected: number;
  lastError: string | null;
}

const FLUSH_MS = 200;
const FLUSH_ITEMS = 1000;
const MAX_CONCURRENT = 4;

/**
 * Subscribes to `$share/<group>/<prefix>/+/telemetry` (a shared subscription, so instances split
 * the load) and feeds messages to the same ingest path as HTTP, buffered into batches so the
 * database sees one statement per ~200 ms (or per 1,000 messages) instead of one per message.
 */
export async function startMqttIngest(url: string, cfg: WifiConfig, telemetry: WifiTelemetry, log: Logger) {
  const stats: MqttStats = { received: 0, stored: 0, duplicates: 0, unknown: 0, rejected: 0, lastError: null };
  const topicRe = new RegExp(`^${cfg.mqttTopicPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([^/]+)/telemetry$`);
  const clientId = `smartcity-wifi-${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const client: MqttClient = await mqtt.connectAsync(url, { clientId, clean: true, reconnectPeriod: 2000, connectTimeout: 5000 });
  client.on('error', (err) => {
    stats.lastError = err.message;
    log.warn({ err: err.message }, 'wifi mqtt error');
  });
  let buffer: unknown[] = [];
  let timer: NodeJS.Timeout | undefined;
  // Up to MAX_CONCURRENT batches are stored at once: one at a time capped ingest at
  // FLUSH_ITEMS ÷ statement time, and the database serves several connections in parallel.
  let active = 0;
  const waiting: (() => void)[] = [];
  const pending = new Set<Promise<void>>();
  const acquire = async () => {
    if (active < MAX_CONCURRENT) active++;
    else await new Promise<void>((r) => waiting.push(r)); // the slot is handed over by release()
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };

  const store = async (batch: unknown[]) => {
    await acquire();
    try {
      const r = await telemetry.ingest(batch, 'mqtt');
      stats.stored += r.stored;
      stats.duplicates += r.duplicates;
      stats.unknown += r.unknown;
      stats.rejected += r.rejected.length;
      if (r.rejected.length) log.warn({ rejected: r.rejected.slice(0, 5) }, 'wifi mqtt: rejected heartbeats');
    } catch (err) {
      stats.lastError = (err as Error).message;
      log.error({ err }, 'wifi mqtt: batch failed');
    } finally {
      release();
    }
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (buffer.length) {
      const p = store(buffer);
      buffer = [];
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
    return Promise.all([...pending]).then(() => undefined);
  };

  client.on('message', (topic, payload) => {
    stats.received++;
    const m = topicRe.exec(topic);
    const topicMac = m ? normalizeMac(decodeURIComponent(m[1])) : undefined;
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      stats.rejected++;
      return;
    }
    if (!topicMac || !body || typeof body !== 'object' || Array.isArray(body)) {
      stats.rejected++;
      return;
    }
    const obj = body as Record<string, unknown>;
    // The topic names the device; a payload naming another MAC is refused, a payload without one takes the topic's.
    if (obj.mac === undefined) obj.mac = topicMac;
    else if (typeof obj.mac !== 'string' || normalizeMac(obj.mac) !== topicMac) {
      stats.rejected++;
      log.warn({ topic }, 'wifi mqtt: payload mac does not match the topic');
      return;
    }
    buffer.push(obj);
    if (buffer.length >= FLUSH_ITEMS) void flush();
    else timer ??= setTimeout(() => void flush(), FLUSH_MS);
  });

  const topic = `$share/${cfg.mqttShareGroup}/${cfg.mqttTopicPrefix}/+/telemetry`;
  await client.subscribeAsync(topic, { qos: 1 });
  log.info({ topic }, 'wifi mqtt ingest subscribed');

  return {
    stats,
    topic,
    async stop() {
      await client.unsubscribeAsync(topic).catch(() => undefined);
      await client.endAsync();
      await flush();
    },
  };
}
