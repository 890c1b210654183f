import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, type TestUser } from '../../../test/factories';
import { sql } from 'drizzle-orm';
import { demoMac } from './wifi.seed';

// Runs against the real Mosquitto of the CI machine. A unique topic prefix and client ids per run
// keep parallel runs apart.
const MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const run = randomBytes(4).toString('hex');
process.env.WIFI_MQTT_TOPIC_PREFIX = `test-${run}/wifi`;
process.env.WIFI_MQTT_SHARE_GROUP = `g${run}`;

let env: TestEnv;
let pub: MqttClient;
let operator: TestUser;

before(async () => {
  try {
    pub = await mqtt.connectAsync(MQTT_URL, { clientId: `test-pub-${run}`, connectTimeout: 3000, reconnectPeriod: 0 });
  } catch (err) {
    throw new Error(
      `Cannot reach the MQTT broker at ${MQTT_URL} (Mosquitto is part of the CI machine; start it with "systemctl start mosquitto"): ${(err as Error).message}`,
    );
  }
  env = await createTestEnv({ MQTT_URL });
  await env.platform.startBackground();
  operator = await buildUser(env, { role: 'operator_opd', scope: 'diskominfo' });
  // These APs must not have reported yet, whatever history the demo seed gave them.
  const macs = [demoMac(300), demoMac(301), demoMac(302)];
  await env.database.query(sql`update wifi_access_point set first_seen_at = null, last_seen_at = null, last_nonzero_at = null,
    last_clients = null where mac = any(${sql.param(macs)}::text[])`);
});
after(async () => {
  await pub?.endAsync();
  await env?.close();
});

async function until<T>(fn: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('wifi MQTT ingestion', () => {
  test('a heartbeat published on smartcity-style topic reaches the AP; payload without mac takes the topic MAC', async () => {
    const wifi = env.ctx.services.wifi;
    assert.ok(wifi.mqtt, 'subscription started');
    assert.match(wifi.mqtt.topic, new RegExp(`^\\$share/g${run}/test-${run}/wifi/\\+/telemetry$`));
    const mac = demoMac(300);
    const ts = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    await pub.publishAsync(
      `test-${run}/wifi/${mac}/telemetry`,
      JSON.stringify({ ts, clients: 7, rx_bytes: 10, tx_bytes: 20, uptime_s: 5 }),
      { qos: 1 },
    );
    const ap = await until(async () => {
      const a = (await env.app.inject({ url: `/api/wifi/access-points/${mac}`, headers: operator.headers })).json();
      return a.last_seen_at ? a : undefined;
    });
    assert.equal(ap.last_seen_at, ts);
    assert.equal(ap.last_clients, 7);
  });

  test('a payload naming another MAC than its topic is refused; malformed JSON is counted, not fatal', async () => {
    const wifi = env.ctx.services.wifi;
    const mac = demoMac(301);
    const before = { ...wifi.mqtt!.stats };
    await pub.publishAsync(
      `test-${run}/wifi/${mac}/telemetry`,
      JSON.stringify({ mac: demoMac(302), ts: new Date().toISOString(), clients: 1, rx_bytes: 0, tx_bytes: 0, uptime_s: 1 }),
      { qos: 1 },
    );
    await pub.publishAsync(`test-${run}/wifi/${mac}/telemetry`, '{not json', { qos: 1 });
    await pub.publishAsync(
      `test-${run}/wifi/${mac}/telemetry`,
      JSON.stringify({ mac: mac.toUpperCase(), ts: new Date().toISOString(), clients: 2, rx_bytes: 0, tx_bytes: 0, uptime_s: 1 }),
      { qos: 1 },
    );
    await until(async () => (wifi.mqtt!.stats.stored > before.stored ? true : undefined));
    assert.equal(wifi.mqtt!.stats.rejected - before.rejected, 2);
    const other = (await env.app.inject({ url: `/api/wifi/access-points/${demoMac(302)}`, headers: operator.headers })).json();
    assert.equal(other.last_seen_at, null, 'the mismatching payload was not stored under either MAC');
    const ap = (await env.app.inject({ url: `/api/wifi/access-points/${mac}`, headers: operator.headers })).json();
    assert.equal(ap.last_clients, 2);
  });
});
