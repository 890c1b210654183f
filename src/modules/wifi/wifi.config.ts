import { z } from 'zod';

// Module settings read from the environment with defaults; the health rules can also be changed at
// run time by an admin (PUT /api/wifi/health/rules), which overrides these for that instance's process
// and is stored in the database so every instance uses the same rules.
const Env = z.object({
  WIFI_RAW_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  WIFI_HOURLY_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(730),
  WIFI_HEARTBEAT_INTERVAL_S: z.coerce.number().int().min(5).max(3600).default(60),
  WIFI_TELEMETRY_MAX_BATCH: z.coerce.number().int().min(1).max(20000).default(5000),
  WIFI_NO_HEARTBEAT_PROBLEM_S: z.coerce.number().int().min(30).default(300),
  WIFI_NO_HEARTBEAT_CRITICAL_S: z.coerce.number().int().min(60).default(1800),
  WIFI_ZERO_CLIENTS_S: z.coerce
    .number()
    .int()
    .min(60)
    .default(3 * 3600),
  WIFI_ACTIVE_FROM_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  WIFI_ACTIVE_TO_HOUR: z.coerce.number().int().min(1).max(24).default(21),
  WIFI_EVALUATE_EVERY_S: z.coerce.number().int().min(1).max(3600).default(60),
  WIFI_ROLLUP_EVERY_S: z.coerce.number().int().min(10).max(86_400).default(300),
  WIFI_MQTT_TOPIC_PREFIX: z.string().default('smartcity/wifi'),
  WIFI_MQTT_SHARE_GROUP: z.string().default('smartcity'),
  // Live demo feed (wifi.demo.feed.ts): unset = on when SEED_DEMO is on and demo hotspots exist;
  // true = on whenever demo hotspots exist; false = off (tests and benchmarks set it).
  WIFI_DEMO_FEED: z.enum(['true', 'false', '1', '0', 'yes', 'no', 'auto', '']).optional(),
});

/** `auto`: on when demo data is seeded (SEED_DEMO) and demo hotspots exist. */
export type DemoFeedMode = 'auto' | 'on' | 'off';

export interface HealthRules {
  /** Seconds without a heartbeat before an AP is PROBLEM (threshold 0 heartbeats, this tolerance). */
  noHeartbeatProblemS: number;
  /** Seconds without a heartbeat before an AP is CRITICAL. */
  noHeartbeatCriticalS: number;
  /** Seconds of 0 clients, counted only inside the active hours, before PROBLEM "tidak ada pengguna". */
  zeroClientsS: number;
  /** Active hours (Asia/Jakarta, WIB = UTC+7) in which the zero-clients rule counts. */
  activeFromHour: number;
  activeToHour: number;
}

export interface WifiConfig {
  rawRetentionDays: number;
  hourlyRetentionDays: number;
  heartbeatIntervalS: number;
  maxBatch: number;
  evaluateEveryS: number;
  rollupEveryS: number;
  mqttTopicPrefix: string;
  mqttShareGroup: string;
  /** The live demo feed of the demo fleet (WIFI_DEMO_FEED). */
  demoFeed: DemoFeedMode;
  rules: HealthRules;
}

/** Reads the wifi settings; a bad value fails at boot with the variable named. */
export function loadWifiConfig(env: NodeJS.ProcessEnv = process.env): WifiConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid wifi configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const c = parsed.data;
  return {
    rawRetentionDays: c.WIFI_RAW_RETENTION_DAYS,
    hourlyRetentionDays: c.WIFI_HOURLY_RETENTION_DAYS,
    heartbeatIntervalS: c.WIFI_HEARTBEAT_INTERVAL_S,
    maxBatch: c.WIFI_TELEMETRY_MAX_BATCH,
    evaluateEveryS: c.WIFI_EVALUATE_EVERY_S,
    rollupEveryS: c.WIFI_ROLLUP_EVERY_S,
    mqttTopicPrefix: c.WIFI_MQTT_TOPIC_PREFIX,
    mqttShareGroup: c.WIFI_MQTT_SHARE_GROUP,
    demoFeed:
      c.WIFI_DEMO_FEED === undefined || c.WIFI_DEMO_FEED === '' || c.WIFI_DEMO_FEED === 'auto'
        ? 'auto'
        : ['true', '1', 'yes'].includes(c.WIFI_DEMO_FEED)
          ? 'on'
          : 'off',
    rules: {
      noHeartbeatProblemS: c.WIFI_NO_HEARTBEAT_PROBLEM_S,
      noHeartbeatCriticalS: c.WIFI_NO_HEARTBEAT_CRITICAL_S,
      zeroClientsS: c.WIFI_ZERO_CLIENTS_S,
      activeFromHour: c.WIFI_ACTIVE_FROM_HOUR,
      activeToHour: c.WIFI_ACTIVE_TO_HOUR,
    },
  };
}

/** WIB has no daylight saving: local time is UTC+7 all year, so plain arithmetic is exact. */
export const WIB_OFFSET_MS = 7 * 3600_000;
