import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, uiLang } from '../../api';

// Types of the /api/covid responses the pages use, a GET helper that can force revalidation (the
// public endpoints are cached for 30 s; after a live "verified" event we must not read stale bytes),
// the live-update hook (SSE) and CSV building for "Unduh CSV".

export type Count = number | '1–4';
export type Zone = 'hijau' | 'kuning' | 'oranye' | 'merah';
export type Level = 'kota' | 'kecamatan' | 'kelurahan' | 'rw';
export type MapLevel = 'kecamatan' | 'kelurahan' | 'rw';
export type ZoneCounts = Record<Zone, number>;

export interface SummaryCard {
  id: string;
  value: Count;
  change: number | null;
}
export interface Summary {
  level: Level;
  code: string;
  name: string;
  date: string;
  previous_date: string;
  data_as_of: string;
  latest_date: string;
  has_data: boolean;
  demo: boolean;
  exact: boolean;
  cards: SummaryCard[];
  rw_reported: number;
  /** kota and kecamatan: active per 10,000 residents (population source named). */
  population?: number | null;
  per_10k?: number | null;
  population_source?: PopulationSource | null;
  rule: { regulation: string; effective_from: string } | null;
  rt_zones: ZoneCounts | null;
  zone: Zone | null;
}
export interface SeriesPoint {
  date: string;
  new_cases: Count;
  confirmed_cum: Count;
  active: Count;
  demo: boolean;
}
export interface Series {
  level: Level;
  code: string;
  name: string;
  from: string;
  to: string;
  exact: boolean;
  points: SeriesPoint[];
}
export interface LegendBucket {
  label: string;
  colour: string;
  value?: string | null;
  min?: number;
  max?: number | null;
}
export interface MapFeatureProps {
  code: string;
  name: string;
  active: Count;
  new_cases: Count;
  confirmed_cum?: number;
  /** Kecamatan only: population (BNPB 2020) and active cases per 10,000 residents. */
  population?: number | null;
  per_10k?: number | null;
  rt_zones?: ZoneCounts | null;
  zone?: Zone | null;
  kelurahan_code?: string;
  bucket?: string;
  colour: string;
  has_data: boolean;
  demo: boolean;
}
export type MapMetric = 'active' | 'per_10k';
export interface PopulationSource {
  label_id: string;
  label_en: string;
  url: string;
  vintage_note: string;
  total: number;
}
export interface CovidMapData {
  type: 'FeatureCollection';
  level: MapLevel;
  date: string;
  data_as_of: string;
  exact: boolean;
  rule: { regulation: string; effective_from: string } | null;
  legend: {
    field: string;
    metric?: MapMetric;
    title_id: string;
    title_en: string;
    buckets: LegendBucket[];
    population_source?: PopulationSource | null;
  };
  features: { id: string; geometry: { type: string; coordinates: unknown }; properties: MapFeatureProps }[];
}
export type Cell = string | number | null;
export interface Table {
  level: MapLevel;
  date: string;
  exact: boolean;
  /** Kecamatan level: where the population (for per_10k) comes from. */
  population_source?: PopulationSource | null;
  columns: string[];
  rows: Record<string, Cell>[];
}
export interface LocateResult {
  date: string;
  kecamatan: { code: string; name: string };
  kelurahan: { code: string; name: string };
  rw: { code: string; number: string; distance_m: number; zone: Zone | null; active: Count } | null;
  radius_km: number;
  nearby: {
    rw_count: number;
    active_total: Count;
    rws: { code: string; name: string; distance_m: number; zone: Zone | null; active: Count }[];
  };
}
export interface Field {
  id: string;
  unit: string;
  label_id: string;
  label_en: string;
  text_id: string;
  text_en: string;
}
export interface PublishedRow {
  date: string;
  level: 'kota' | 'kecamatan' | 'kelurahan';
  code: string;
  name: string;
  metric: string;
  value: number;
  completeness: string | null;
  note: string | null;
  source_url: string;
}
export interface Published {
  label: string;
  count: number;
  sources: string[];
  rows: PublishedRow[];
}
export interface Kecamatan {
  code: string;
  name: string;
}
export interface Kelurahan {
  code: string;
  name: string;
  kecamatan_code: string;
  kecamatan_name: string;
}
export interface Rw {
  code: string;
  number: string;
  kelurahan_code: string;
  rt_count: number;
  lat: number;
  lng: number;
}

export const ZONE_COLOURS: Record<Zone, string> = { hijau: '#2e7d32', kuning: '#f9a825', oranye: '#ef6c00', merah: '#c62828' };
export const DEMO_END = '2022-03-01';

/** GET JSON; `fresh` makes the browser revalidate (ETag → 304) instead of using its 30-s copy. */
export async function getJson<T>(path: string, fresh = false): Promise<T> {
  if (!fresh) return api<T>(path);
  let res: Response;
  try {
    res = await fetch(path, {
      headers: { accept: 'application/json', 'accept-language': uiLang() },
      cache: 'no-cache',
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  if (!res.ok)
    throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `The server answered ${res.status}.`);
  return body as T;
}

/** Loads a URL (null = nothing to load); reloads when `url` or `version` changes. */
export function useJson<T>(url: string | null, version = 0): { data: T | null; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: !!url });
  const [attempt, setAttempt] = useState(0);
  const firstVersion = useRef(version);
  useEffect(() => {
    if (!url) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    let alive = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    getJson<T>(url, version !== firstVersion.current || attempt > 0).then(
      (data) => alive && setState({ data, error: null, loading: false }),
      (error: unknown) => alive && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      alive = false;
    };
  }, [url, version, attempt]);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, reload };
}

/**
 * Live updates: one EventSource on /api/events?types=covid. per page. Returns a version that
 * increases whenever a report is verified (figures changed) and when that happened.
 */
export function useCovidLive(): { version: number; at: Date | null; connected: boolean } {
  const [state, setState] = useState<{ version: number; at: Date | null; connected: boolean }>({ version: 0, at: null, connected: false });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/events?types=covid.');
    const bump = () => setState((s) => ({ version: s.version + 1, at: new Date(), connected: true }));
    es.addEventListener('covid.report.verified', bump);
    es.addEventListener('covid.rules.changed', bump);
    es.onopen = () => setState((s) => ({ ...s, connected: true }));
    es.onerror = () => setState((s) => ({ ...s, connected: false }));
    return () => es.close();
  }, []);
  return state;
}

function csvCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV of exactly the rows shown (same columns and quoting as GET /api/covid/table?format=csv). */
export function toCsv(columns: string[], rows: Record<string, Cell>[]): string {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const DAY = 86_400_000;
export const dayIndex = (date: string, start: string) =>
  Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY);
export const dateAt = (i: number, start: string) => new Date(Date.parse(`${start}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10);

/** Today in Asia/Jakarta (UTC+7, no daylight saving) as YYYY-MM-DD. */
export const todayJakarta = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

const FOLLOW_KEY = 'covid.rw';
/** The RW a resident follows (chosen once, kept in this browser). */
export function readFollowed(): string | null {
  try {
    const v = localStorage.getItem(FOLLOW_KEY);
    return v && /^32\.76\.\d{2}\.\d{4}\/\d{3}$/.test(v) ? v : null;
  } catch {
    return null;
  }
}
export function writeFollowed(code: string | null): void {
  try {
    if (code) localStorage.setItem(FOLLOW_KEY, code);
    else localStorage.removeItem(FOLLOW_KEY);
  } catch {
    /* storage blocked: followed for this visit only */
  }
}
export const kelurahanOf = (rw: string) => rw.split('/')[0];
