import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';

// Shapes of the wifi API (src/modules/wifi/wifi.dto.ts) and the page's shared helpers.

export type HotspotState = 'working' | 'workingPartially' | 'totalFailure' | 'noService';
export const STATES: HotspotState[] = ['working', 'workingPartially', 'totalFailure', 'noService'];

/** Marker colours; also used by the legend and the detail panel. */
export const STATE_COLOR: Record<HotspotState, string> = {
  working: '#12813f',
  workingPartially: '#c27c00',
  totalFailure: '#c62828',
  noService: '#6b7780',
};

export type Filter = 'all' | 'up' | 'down' | 'none';
export const isUp = (s: string) => s === 'working' || s === 'workingPartially';
export function matchesFilter(s: string, f: Filter): boolean {
  if (f === 'all') return true;
  if (f === 'up') return isUp(s);
  if (f === 'down') return s === 'totalFailure';
  return s === 'noService';
}

export interface Hotspot {
  id: number;
  name: string;
  lat: number;
  lng: number;
  state: HotspotState;
  category: string;
  kelurahan_code: string;
  rw_code: string | null;
}

interface HotspotsPayload {
  count: number;
  demo: boolean;
  generated_at: string;
  fields: string[];
  rows: unknown[][];
}

/** All active hotspots from the compact `fields` + `rows` payload, and whether they are demo data. */
export async function loadHotspots(signal?: AbortSignal): Promise<{ items: Hotspot[]; generatedAt: string; demo: boolean }> {
  const p = await api<HotspotsPayload>('/api/wifi/hotspots', { signal });
  const at = (f: string) => p.fields.indexOf(f);
  const ix = {
    id: at('id'),
    name: at('name'),
    lat: at('lat'),
    lng: at('lng'),
    state: at('state'),
    category: at('category'),
    kel: at('kelurahan_code'),
    rw: at('rw_code'),
  };
  const items = p.rows.map((r) => ({
    id: r[ix.id] as number,
    name: r[ix.name] as string,
    lat: r[ix.lat] as number,
    lng: r[ix.lng] as number,
    state: r[ix.state] as HotspotState,
    category: r[ix.category] as string,
    kelurahan_code: r[ix.kel] as string,
    rw_code: r[ix.rw] as string | null,
  }));
  return { items, generatedAt: p.generated_at, demo: p.demo === true };
}

export interface HotspotDetails {
  id: number;
  name: string;
  lat: number;
  lng: number;
  location_note: string | null;
  address: string | null;
  kelurahan_code: string;
  kelurahan_name: string | null;
  rw_code: string | null;
  category: string;
  phase: string;
  provider: string | null;
  ssids: string[];
  opening_hours: string | null;
  notes: string | null;
  status: string;
  state: HotspotState;
  state_since: string;
  is_demo: boolean;
  access_points: { mac: string; state: 'up' | 'down' | 'unknown'; clients: number | null; last_seen_at: string | null }[];
}

export interface Nearest {
  id: number;
  name: string;
  lat: number;
  lng: number;
  state: HotspotState;
  category: string;
  distance_m: number;
  walk_m: number;
  walk_min: number;
}

export interface NotOkAp {
  mac: string;
  health: string;
  reason: string | null;
  /** When the health check set the current health. */
  since: string;
  /** When the condition began (last heartbeat / start of the zero-clients period); null if never reported. */
  down_since: string | null;
  duration_s: number | null;
  last_seen_at: string | null;
  hotspot_id: number;
  hotspot_name: string;
  kelurahan_code: string;
  rw_code: string | null;
  provider: string | null;
}

export interface Alert {
  id: number;
  mac: string;
  hotspot_id: number;
  hotspot_name: string;
  kelurahan_code: string;
  rw_code: string | null;
  severity: string;
  reason: string;
  started_at: string;
  detected_at: string;
  ended_at: string | null;
  duration_s: number;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  ack_note: string | null;
}

export interface CoverageRow {
  rw_code: string;
  kelurahan_code: string;
  kelurahan_name: string;
  hotspots: number;
  working: number;
  target: number;
  gap: number;
  lat: number;
  lng: number;
}

export interface SlaResult {
  month: string;
  by: string;
  period_start: string;
  period_end: string;
  heartbeat_interval_s: number;
  rows: { key: string; label: string; aps: number; heartbeats: number; expected: number; uptime_pct: number }[];
}

export interface UsageRow {
  day: string;
  kelurahan_code: string;
  aps: number;
  clients_avg: number;
  clients_max: number;
  rx_bytes: number;
  tx_bytes: number;
  school_clients_avg: number;
  school_rx_bytes: number;
  school_tx_bytes: number;
}

/** "RW 005" from "32.76.01.1006/005". */
export const rwLabel = (code: string | null) => (code ? `RW ${code.split('/')[1] ?? code}` : '—');

/** A compact duration: "2 h 05 m", "3 d 4 h", "45 s". */
export function formatDuration(totalS: number): string {
  const s = Math.max(0, Math.floor(totalS));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${String(m).padStart(2, '0')} m`;
  if (m) return `${m} m ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

/** Today's local date (Asia/Jakarta) as YYYY-MM-DD, shifted by `days`. */
export function jakartaDay(days = 0): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Re-renders every `ms` (ticking durations); returns the current time. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export interface WifiEvent {
  type: string;
  at: string;
  data: Record<string, unknown>;
}

const EVENT_TYPES = [
  'wifi.ap.state_changed',
  'wifi.hotspot.state_changed',
  'wifi.alert.opened',
  'wifi.alert.closed',
  'wifi.alert.acknowledged',
  'wifi.health.evaluated',
];

/**
 * Live wifi events over SSE (`GET /api/events?types=wifi.`). EventSource reconnects by itself
 * (the server sends `retry`); `connected` drives the "Live" indicator.
 */
export function useWifiEvents(onEvent: (e: WifiEvent) => void): boolean {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/events?types=wifi.');
    const onMessage = (m: MessageEvent<string>) => {
      try {
        handler.current(JSON.parse(m.data) as WifiEvent);
      } catch {
        // A malformed frame is skipped; the next state change or reload brings the page up to date.
      }
    };
    for (const t of EVENT_TYPES) es.addEventListener(t, onMessage as EventListener);
    es.onopen = () => setConnected(true);
    es.onerror = () => setConnected(es.readyState === EventSource.OPEN);
    return () => es.close();
  }, []);
  return connected;
}

/** A function that calls `fn` at most once per `ms`, trailing (bursts of events → one refetch). */
export function useThrottled(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return useRef(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, ms);
  }).current;
}
