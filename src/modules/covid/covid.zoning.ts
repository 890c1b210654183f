import type { Msg } from '../../platform/i18n';
import { covidMessages as M } from './covid.messages';

// PPKM-mikro RT zoning: pure functions, no I/O. A rule set is named by its regulation and applies
// from its date of effect until the next one.

export type Zone = 'hijau' | 'kuning' | 'oranye' | 'merah';
export const ZONES: Zone[] = ['hijau', 'kuning', 'oranye', 'merah'];

export const ZONE_COLOURS: Record<Zone, string> = { hijau: '#2e7d32', kuning: '#f9a825', oranye: '#ef6c00', merah: '#c62828' };

export interface ZoningRule {
  regulation: string;
  /** YYYY-MM-DD, first day the rule applies. */
  effectiveFrom: string;
  /** kuning = 1..kuningMax houses, oranye = kuningMax+1..oranyeMax, merah above. */
  kuningMax: number;
  oranyeMax: number;
}

/** Houses histogram length: buckets 0..HIST_LEN-2 exact, the last bucket is "that many or more". */
export const HIST_LEN = 21;
/** Rule thresholds must stay below the open last bucket so zone counts can be read from a histogram. */
export const MAX_THRESHOLD = HIST_LEN - 2;

export const DEFAULT_RULES: ZoningRule[] = [
  { regulation: 'Inmendagri 3/2021', effectiveFrom: '2021-02-09', kuningMax: 5, oranyeMax: 10 },
  { regulation: 'Inmendagri 14/2021', effectiveFrom: '2021-06-22', kuningMax: 2, oranyeMax: 5 },
];

/** Zone of one RT with `houses` houses with an active confirmed case in the last 7 days. */
export function zoneFor(houses: number, rule: ZoningRule): Zone {
  if (houses <= 0) return 'hijau';
  if (houses <= rule.kuningMax) return 'kuning';
  if (houses <= rule.oranyeMax) return 'oranye';
  return 'merah';
}

/** The rule in force on a date (the latest with effectiveFrom ≤ date); before the first: the first. */
export function ruleInForce(rules: ZoningRule[], date: string): ZoningRule {
  const sorted = [...rules].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  let found = sorted[0];
  for (const r of sorted) if (r.effectiveFrom <= date) found = r;
  return found;
}

/** Whether any PPKM-mikro rule applies on the date (zoning started 2021-02-09). */
export function zoningApplies(rules: ZoningRule[], date: string): boolean {
  return rules.some((r) => r.effectiveFrom <= date);
}

export function emptyHist(): number[] {
  return new Array<number>(HIST_LEN).fill(0);
}

/** Adds RT house counts to a histogram (in place). */
export function addToHist(hist: number[], houses: Iterable<number>): number[] {
  for (const h of houses) hist[Math.min(Math.max(0, h), HIST_LEN - 1)]++;
  return hist;
}

/** Counts of RTs per zone from a houses histogram under a rule. */
export function zoneCounts(hist: number[], rule: ZoningRule): Record<Zone, number> {
  const out: Record<Zone, number> = { hijau: 0, kuning: 0, oranye: 0, merah: 0 };
  hist.forEach((n, houses) => {
    out[zoneFor(houses, rule)] += n;
  });
  return out;
}

/** The worst zone present in a histogram (an RW's colour is its worst RT). */
export function worstZone(hist: number[], rule: ZoningRule): Zone {
  for (let h = hist.length - 1; h > 0; h--) if (hist[h] > 0) return zoneFor(h, rule);
  return 'hijau';
}

/** Validation of a new rule set; returns messages a person can act on. */
export function checkRule(r: ZoningRule): Msg[] {
  const errors: Msg[] = [];
  if (!(r.kuningMax >= 1)) errors.push(M.kuningMin());
  if (!(r.oranyeMax > r.kuningMax)) errors.push(M.oranyeAboveKuning());
  if (r.oranyeMax > MAX_THRESHOLD) errors.push(M.oranyeMax({ max: MAX_THRESHOLD }));
  return errors;
}
