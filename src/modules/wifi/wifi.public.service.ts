import type { Database } from '../../db/client';
import { distanceM } from '../../platform/geo';
import { cachedPayload, type CachedPayload } from '../../platform/http/cached';
import { notFound } from '../../platform/errors';
import type { WilayahService } from '../wilayah';
import { apUp } from './wifi.health';
import { wifiMessages as M } from './wifi.messages';
import * as repo from './wifi.repo';

export interface PublicHotspot {
  id: number;
  name: string;
  lat: number;
  lng: number;
  state: string;
  category: string;
  kelurahan_code: string;
  rw_code: string | null;
}

export const PUBLIC_FIELDS = ['id', 'name', 'lat', 'lng', 'state', 'category', 'kelurahan_code', 'rw_code'] as const;
const MAX_CACHED_QUERIES = 300;
const SNAPSHOT_MS = 10_000;

/** What warga see: the active hotspots with their state, details and the nearest ones. */
export class WifiPublic {
  private list?: Promise<{ items: PublicHotspot[]; demo: boolean }>;
  private readonly caches = new Map<string, CachedPayload>();
  private snap?: { at: number; value: Promise<{ hotspots: repo.HotspotRow[]; aps: repo.ApRow[] }> };

  constructor(
    private readonly database: Database,
    private readonly wilayah: WilayahService,
  ) {}

  /** Drops every cached public payload (state or registry changed here or on another instance). */
  invalidate(): void {
    this.list = undefined;
    this.snap = undefined;
    for (const c of this.caches.values()) c.invalidate();
    this.caches.clear();
  }

  /**
   * Active hotspots and their APs for the NGSI-LD view: rebuilt after any state/registry change and
   * at most SNAPSHOT_MS old otherwise (clientsConnected moves with every heartbeat).
   */
  async snapshot(): Promise<{ hotspots: repo.HotspotRow[]; aps: repo.ApRow[] }> {
    if (!this.snap || Date.now() - this.snap.at > SNAPSHOT_MS) {
      const value = Promise.all([repo.listHotspots(this.database.db, { status: 'active' }), repo.listAps(this.database.db, {})]).then(
        ([hotspots, aps]) => ({
          hotspots,
          aps: aps.filter((a) => a.hotspotStatus === 'active').map((a) => a.ap),
        }),
      );
      value.catch(() => (this.snap = undefined));
      this.snap = { at: Date.now(), value };
    }
    return this.snap.value;
  }

  /** Active hotspots (in memory; rebuilt after a change). */
  async active(): Promise<PublicHotspot[]> {
    return (await this.activeList()).items;
  }

  /** Active hotspots plus whether any of them is demo-seeded (is_demo), loaded together and cached. */
  private activeList(): Promise<{ items: PublicHotspot[]; demo: boolean }> {
    this.list ??= repo.listHotspots(this.database.db, { status: 'active' }).then((rows) => ({
      items: rows.map((h) => ({
        id: h.id,
        name: h.name,
        lat: h.lat,
        lng: h.lng,
        state: h.state,
        category: h.category,
        kelurahan_code: h.kelurahanCode,
        rw_code: h.rwCode,
      })),
      demo: rows.some((h) => h.isDemo),
    }));
    this.list.catch(() => (this.list = undefined));
    return this.list;
  }

  /** The compact map payload for one filter combination, cached (ETag, gzip/br); `demo` is the same for every filter. */
  listPayload(q: { kelurahan?: string; rw?: string; status?: string }): CachedPayload {
    const key = `${q.kelurahan ?? ''}|${q.rw ?? ''}|${q.status ?? ''}`;
    let c = this.caches.get(key);
    if (!c) {
      if (this.caches.size >= MAX_CACHED_QUERIES) this.caches.clear();
      c = cachedPayload(
        async () => {
          const { items, demo } = await this.activeList();
          const all = items.filter(
            (h) =>
              (!q.kelurahan || h.kelurahan_code === q.kelurahan) &&
              (!q.rw || h.rw_code === q.rw) &&
              (!q.status ||
                (q.status === 'up'
                  ? ['working', 'workingPartially'].includes(h.state)
                  : q.status === 'down'
                    ? !['working', 'workingPartially'].includes(h.state)
                    : h.state === q.status)),
          );
          const byState: Record<string, number> = {};
          for (const h of all) byState[h.state] = (byState[h.state] ?? 0) + 1;
          // demo: the registry's public points are demo-seeded, so pages must say the data is not real.
          return {
            count: all.length,
            by_state: byState,
            demo,
            generated_at: new Date().toISOString(),
            fields: PUBLIC_FIELDS,
            rows: all.map((h) => PUBLIC_FIELDS.map((f) => h[f])),
          };
        },
        { maxAgeS: 30 },
      );
      this.caches.set(key, c);
    }
    return c;
  }

  /** GeoJSON of the active hotspots (public fields only). */
  geojsonPayload(): CachedPayload {
    let c = this.caches.get('geojson');
    if (!c) {
      c = cachedPayload(
        async () => ({
          type: 'FeatureCollection',
          features: (await this.active()).map((h) => ({
            type: 'Feature',
            id: h.id,
            geometry: { type: 'Point', coordinates: [h.lng, h.lat] },
            properties: { ...h },
          })),
        }),
        { contentType: 'application/geo+json; charset=utf-8', maxAgeS: 30 },
      );
      this.caches.set('geojson', c);
    }
    return c;
  }

  /** Public details of one active hotspot: SSIDs, hours, category and each AP's up/down state. */
  async details(id: number) {
    const h = await repo.getHotspot(this.database.db, id);
    if (!h || h.status === 'decommissioned') throw notFound(M.hotspot({ id }));
    const aps = await repo.apsOfHotspots(this.database.db, [id]);
    const kel = await this.wilayah.getKelurahan(h.kelurahanCode).catch(() => undefined);
    return {
      id: h.id,
      name: h.name,
      lat: h.lat,
      lng: h.lng,
      location_note: h.locationNote,
      address: h.address,
      kelurahan_code: h.kelurahanCode,
      kelurahan_name: kel?.name ?? null,
      rw_code: h.rwCode,
      category: h.category,
      phase: h.phase,
      provider: h.provider,
      ssids: h.ssids ?? [],
      opening_hours: h.openingHours,
      notes: h.notes,
      status: h.status,
      state: h.state,
      state_since: h.stateSince.toISOString(),
      is_demo: h.isDemo,
      access_points: aps.map((a) => ({
        mac: a.mac,
        state: a.health === 'UNKNOWN' ? ('unknown' as const) : apUp(a.health, a.healthReason) ? ('up' as const) : ('down' as const),
        clients: a.lastClients,
        last_seen_at: a.lastSeenAt ? a.lastSeenAt.toISOString() : null,
      })),
    };
  }

  /** Nearest active hotspots by straight-line distance, with a walking estimate (×1.3, 80 m/min). */
  async nearest(lat: number, lng: number, limit: number, only: 'all' | 'up') {
    const list = (await this.active()).filter((h) => only === 'all' || h.state === 'working' || h.state === 'workingPartially');
    return list
      .map((h) => ({ h, d: distanceM(lat, lng, h.lat, h.lng) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, limit)
      .map(({ h, d }) => ({
        id: h.id,
        name: h.name,
        lat: h.lat,
        lng: h.lng,
        state: h.state,
        category: h.category,
        distance_m: Math.round(d),
        walk_m: Math.round(d * 1.3),
        walk_min: Math.max(1, Math.round((d * 1.3) / 80)),
      }));
  }
}
