import mqtt from 'mqtt';
import { registerCommand } from '../main';
import { flag, UsageError } from '../args';
import { seededRandom } from '../../platform/geo';
import { demoMac } from '../../modules/wifi/wifi.seed';
import {
  expectedClients,
  parseDuration as parseDurationRaw,
  parsePercent as parsePercentRaw,
  SimulatorUsageError,
} from '../../modules/wifi/wifi.simulator';

function cliArg<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SimulatorUsageError) throw new UsageError(err.message);
    throw err;
  }
}
const parseDuration = (v: string | undefined) => cliArg(() => parseDurationRaw(v));
const parsePercent = (v: string | undefined, d: number) => cliArg(() => parsePercentRaw(v, d));

// `smartcity simulate wifi …`: a fleet of virtual APs pushing heartbeats to a running server over
// HTTP batches or MQTT. A client only: it talks to the API / broker, never to the database.

interface VirtualAp {
  mac: string;
  size: number; // how busy this place is
  downFor: number; // intervals left in an outage
  uptime: number;
  offsetMs: number;
}

async function fetchMacs(url: string, token: string | undefined, n: number): Promise<string[]> {
  if (!token) {
    process.stderr.write('No --token (or SMARTCITY_TOKEN): using the demo fleet MACs 02:de:0c:… of the demo seed.\n');
    return Array.from({ length: n }, (_, i) => demoMac(i + 1));
  }
  const res = await fetch(`${url}/api/wifi/access-points?limit=${n}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new UsageError(`GET /api/wifi/access-points answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { items: { mac: string }[] };
  if (!body.items.length) throw new UsageError('The server has no access points registered.');
  return body.items.map((a) => a.mac);
}

async function simulateWifi(flags: Record<string, string | true>): Promise<void> {
  const n = Number(flag(flags, 'aps') ?? 1834);
  const intervalS = Number(flag(flags, 'interval') ?? 60);
  const via = flag(flags, 'via') ?? 'http';
  if (via !== 'http' && via !== 'mqtt') throw new UsageError('--via must be http or mqtt');
  if (!Number.isInteger(n) || n < 1) throw new UsageError('--aps must be a positive whole number');
  if (!(intervalS >= 1)) throw new UsageError('--interval must be at least 1 (seconds)');
  const fail = parsePercent(flag(flags, 'fail'), 0.03);
  const url = (flag(flags, 'url') ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
  const token = flag(flags, 'token') ?? process.env.SMARTCITY_TOKEN;
  const durationMs = parseDuration(flag(flags, 'duration'));
  const batchSize = Number(flag(flags, 'batch') ?? 500);
  const mqttUrl = flag(flags, 'mqtt-url') ?? process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
  const prefix = flag(flags, 'topic-prefix') ?? process.env.WIFI_MQTT_TOPIC_PREFIX ?? 'smartcity/wifi';
  if (via === 'http' && !token) throw new UsageError('--via http needs --token (a wifi_fleet or admin API token) or SMARTCITY_TOKEN');

  const macs = (await fetchMacs(url, token, n)).slice(0, n);
  const rand = seededRandom('wifi-simulator');
  const outageLen = 10; // mean outage in intervals
  const pStart = fail > 0 ? fail / (outageLen * (1 - fail)) : 0; // steady state ≈ fail
  const aps: VirtualAp[] = macs.map((mac, i) => ({
    mac,
    size: 2 + Math.floor(rand() * 25),
    downFor: rand() < fail ? Math.ceil(rand() * outageLen * 2) : 0,
    uptime: Math.floor(rand() * 86_400),
    offsetMs: Math.floor(((i + 0.5) / macs.length) * intervalS * 1000),
  }));
  const client = via === 'mqtt' ? await mqtt.connectAsync(mqttUrl, { clientId: `smartcity-sim-${process.pid}` }) : undefined;
  const stats = { sent: 0, stored: 0, duplicates: 0, unknown: 0, rejected: 0, errors: 0, skippedDown: 0, lat: [] as number[] };
  process.stdout.write(
    `Simulating ${aps.length} APs every ${intervalS}s via ${via} (${via === 'http' ? url : mqttUrl}), ~${Math.round(fail * 100)}% in outage. Ctrl-C stops.\n`,
  );

  let stopping = false;
  const started = Date.now();
  const stop = () => {
    stopping = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const inflight = new Set<Promise<void>>();

  const sendHttp = (batch: object[]) => {
    const t = performance.now();
    const p = fetch(`${url}/api/wifi/telemetry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(batch),
    })
      .then(async (res) => {
        stats.lat.push(performance.now() - t);
        if (!res.ok) {
          stats.errors++;
          process.stderr.write(`telemetry ${res.status}: ${(await res.text()).slice(0, 200)}\n`);
          return;
        }
        const r = (await res.json()) as { stored: number; duplicates: number; unknown: number; rejected: unknown[] };
        stats.stored += r.stored;
        stats.duplicates += r.duplicates;
        stats.unknown += r.unknown;
        stats.rejected += r.rejected.length;
      })
      .catch(() => void stats.errors++)
      .finally(() => inflight.delete(p));
    inflight.add(p);
  };

  let cycleStart = Date.now();
  let next = 0; // index of the next AP to send in this cycle
  let lastReport = Date.now();
  while (!stopping && (!durationMs || Date.now() - started < durationMs)) {
    const now = Date.now();
    const due: VirtualAp[] = [];
    while (next < aps.length && cycleStart + aps[next].offsetMs <= now) due.push(aps[next++]);
    const items: object[] = [];
    for (const ap of due) {
      if (ap.downFor > 0) {
        ap.downFor--;
        stats.skippedDown++;
        continue;
      }
      if (rand() < pStart) ap.downFor = Math.ceil(rand() * outageLen * 2);
      ap.uptime += intervalS;
      const at = new Date(Math.floor(now / 1000) * 1000);
      const clients = expectedClients(ap, at, rand);
      const perClient = (20_000 + rand() * 200_000) * intervalS;
      items.push({
        mac: ap.mac,
        ts: at.toISOString(),
        clients,
        rx_bytes: Math.round(clients * perClient),
        tx_bytes: Math.round(clients * perClient * 0.2),
        uptime_s: ap.uptime,
        rtt_ms: Math.round(8 + rand() * 40),
        signal_dbm: Math.round(-45 - rand() * 35),
      });
    }
    stats.sent += items.length;
    if (client) {
      for (const it of items) client.publish(`${prefix}/${(it as { mac: string }).mac}/telemetry`, JSON.stringify(it), { qos: 0 });
    } else {
      for (let i = 0; i < items.length; i += batchSize) sendHttp(items.slice(i, i + batchSize));
    }
    if (next >= aps.length) {
      next = 0;
      cycleStart += intervalS * 1000;
    }
    if (now - lastReport >= 10_000) {
      lastReport = now;
      process.stdout.write(
        `  ${Math.round((now - started) / 1000)}s: sent ${stats.sent}, stored ${stats.stored}, errors ${stats.errors}, in outage now ${aps.filter((a) => a.downFor > 0).length}\n`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.allSettled([...inflight]);
  if (client) await client.endAsync();
  const s = [...stats.lat].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]) : null);
  const secs = (Date.now() - started) / 1000;
  process.stdout.write(
    `\nSummary after ${secs.toFixed(1)}s: sent ${stats.sent} heartbeats (${(stats.sent / secs).toFixed(1)}/s), ` +
      (via === 'http'
        ? `stored ${stats.stored}, duplicates ${stats.duplicates}, unknown ${stats.unknown}, rejected ${stats.rejected}, request errors ${stats.errors}, ack p50 ${q(0.5)} ms p99 ${q(0.99)} ms, `
        : 'published with QoS 0 (see the server for stored counts), ') +
      `skipped for outages ${stats.skippedDown}.\n`,
  );
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
}

registerCommand(
  'simulate',
  async (positionals, flags) => {
    if (positionals[1] !== 'wifi')
      throw new UsageError(
        'Usage: smartcity simulate wifi --aps 1834 --interval 60 --via http|mqtt --fail 3% [--url URL] [--token T] [--duration 60s]',
      );
    await simulateWifi(flags);
  },
  'simulate wifi [--aps N --interval S --via http|mqtt --fail 3% --url U --token T --duration 60s]  fleet telemetry simulator',
);
