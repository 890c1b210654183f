// Pure parts of the fleet simulator (`smartcity simulate wifi`, src/cli/commands/simulate.ts), kept
// here so they are unit-tested without loading the CLI.

/** A bad flag value; the CLI prints the message and exits 2. */
export class SimulatorUsageError extends Error {}

const WIB_MS = 7 * 3600_000;
// Relative usage by local hour (night low, evening high).
const DAY_CURVE = [
  0.15, 0.1, 0.08, 0.06, 0.06, 0.12, 0.3, 0.55, 0.7, 0.75, 0.75, 0.7, 0.75, 0.75, 0.65, 0.6, 0.7, 0.8, 0.9, 1, 1, 0.85, 0.55, 0.3,
];

export function parseDuration(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) throw new SimulatorUsageError(`--duration "${v}": use e.g. 60s, 5m, 1h`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
}

export function parsePercent(v: string | undefined, def: number): number {
  if (v === undefined) return def;
  const n = Number(v.replace(/%$/, ''));
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new SimulatorUsageError(`--fail "${v}": use a percentage such as 3%`);
  return n / 100;
}

/** Clients at a local time: daily curve, school-hours peak on weekdays (07:00–14:00 WIB). */
export function expectedClients(ap: { size: number }, at: Date, rand: () => number): number {
  const local = new Date(at.getTime() + WIB_MS);
  const h = local.getUTCHours();
  const weekday = local.getUTCDay() >= 1 && local.getUTCDay() <= 5;
  let f = DAY_CURVE[h];
  if (weekday && h >= 7 && h < 14) f *= 1.6;
  const mean = ap.size * f;
  return Math.max(0, Math.round(mean + (rand() - 0.5) * mean * 0.6));
}
