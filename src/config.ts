import path from 'node:path';
import { z } from 'zod';

// Every setting the platform reads from the environment, validated once at boot into a frozen,
// typed object. Defaults are the embedded quick start: PGlite in ./data, demo data on.
const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? def : ['true', '1', 'yes'].includes(v)));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MQTT_URL: z
    .string()
    .regex(/^mqtts?:\/\/|^wss?:\/\//, 'MQTT_URL must start with mqtt://, mqtts://, ws:// or wss://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SEED_DEMO: bool(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Cookies get the Secure flag when the platform is served over HTTPS (behind a proxy).
  COOKIE_SECURE: bool(false),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  TRUST_PROXY: bool(false),
  MAP_TILE_URL: z.string().optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  WEB_DIST: z.string().default('./web/dist'),
  LOGIN_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).default(10),
});

export type Config = Readonly<
  Omit<z.infer<typeof EnvSchema>, 'DATA_DIR' | 'WEB_DIST'> & {
    DATA_DIR: string;
    WEB_DIST: string;
    db: 'pglite' | 'postgres';
    version: string;
  }
>;

export class ConfigError extends Error {}

/** Reads and validates configuration; throws ConfigError with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return Object.freeze({
    ...c,
    DATA_DIR: path.resolve(c.DATA_DIR),
    WEB_DIST: path.resolve(c.WEB_DIST),
    db: c.DATABASE_URL ? ('postgres' as const) : ('pglite' as const),
    version: process.env.npm_package_version ?? '0.1.0',
    ...overrides,
  });
}
