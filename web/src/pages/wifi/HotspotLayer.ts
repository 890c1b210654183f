import Supercluster, { type ClusterProperties } from 'supercluster';
import type { LayerGroup, Map as LeafletMap, Marker } from 'leaflet';
import type { LeafletNS, MapLayer } from '../../components/map';
import type { Hotspot } from './data';

// Hotspot markers for the shared city map: supercluster groups the 1,834 points at low zoom, and
// only what is in view becomes DOM markers (a few dozen), diffed on every pan/zoom so a phone stays
// smooth. Markers live in Leaflet's marker pane, above the kelurahan polygons, so tapping a point
// opens the point while tapping elsewhere still selects the kelurahan.

interface PointProps {
  id: number;
  down: number;
}
interface ClusterProps {
  down: number;
}

const MAX_ZOOM = 18;
const CLUSTER_MAX_ZOOM = 15; // above this every point is drawn on its own

export interface HotspotLayerEvents {
  onSelect(id: number): void;
  /** Accessible name of a point marker. */
  pointTitle(h: Hotspot): string;
}

/** Drives the hotspot layer from React: data, selection, "you are here" and pick mode. */
export class HotspotLayerController {
  private L?: LeafletNS;
  private map?: LeafletMap;
  private group?: LayerGroup;
  private index = new Supercluster<PointProps, ClusterProps>({
    // Radius in screen pixels: extent 256 matches Leaflet's 256-px tiles (the default 512 halves it).
    radius: 60,
    extent: 256,
    maxZoom: CLUSTER_MAX_ZOOM,
    map: (p) => ({ down: p.down }),
    reduce: (acc, p) => {
      acc.down += p.down;
    },
  });
  private items: Hotspot[] = [];
  private byId = new Map<number, Hotspot>();
  private shown = new Map<string, Marker>();
  private selected: number | null = null;
  private me?: Marker;
  private picking: ((lat: number, lng: number) => void) | null = null;
  private pendingFit?: [number, number][];
  private zooming = false;

  constructor(private readonly events: HotspotLayerEvents) {}

  /** The MapLayer for <CityMap layers>; memoize it once per page. */
  readonly layer: MapLayer = {
    id: 'wifi-hotspots',
    create: (L, map) => this.attach(L, map),
  };

  private attach(L: LeafletNS, map: LeafletMap): LayerGroup {
    this.L = L;
    this.map = map;
    map.setMaxZoom(MAX_ZOOM);
    const group = L.layerGroup();
    this.group = group;
    const render = () => this.render();
    const zoomStart = () => (this.zooming = true);
    const zoomEnd = () => (this.zooming = false);
    const click = (e: { latlng: { lat: number; lng: number } }) => {
      const pick = this.picking;
      if (!pick) return;
      this.setPicking(null);
      pick(e.latlng.lat, e.latlng.lng);
    };
    group.on('add', () => {
      map.on('moveend', render);
      map.on('click', click);
      map.on('zoomstart', zoomStart);
      map.on('zoomend', zoomEnd);
      this.render();
      if (this.pendingFit) this.fit(this.pendingFit);
    });
    group.on('remove', () => {
      map.off('moveend', render);
      map.off('click', click);
      map.off('zoomstart', zoomStart);
      map.off('zoomend', zoomEnd);
      this.shown.clear();
      this.me = undefined;
      this.map = undefined;
      this.group = undefined;
    });
    return group;
  }

  /** Replaces the points (already filtered by the page) and redraws. */
  setData(items: Hotspot[]): void {
    this.items = items;
    this.byId = new Map(items.map((h) => [h.id, h]));
    this.index.load(
      items.map((h) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [h.lng, h.lat] },
        properties: { id: h.id, down: h.state === 'totalFailure' ? 1 : 0 },
      })),
    );
    // Every marker's look may have changed (states): rebuild the ones in view.
    for (const m of this.shown.values()) m.remove();
    this.shown.clear();
    this.render();
  }

  select(id: number | null): void {
    const prev = this.selected;
    this.selected = id;
    for (const pid of [prev, id]) {
      if (pid === null) continue;
      const m = this.shown.get(`p${pid}`);
      const h = this.byId.get(pid);
      if (m && h && this.L) m.setIcon(this.pointIcon(h));
    }
  }

  /** Centres on one point at street level. */
  focus(lat: number, lng: number, zoom = 16): void {
    const map = this.map;
    if (!map) return;
    const go = () => map.setView([lat, lng], Math.max(zoom, map.getZoom()), { animate: true });
    // Leaflet drops a new view while a zoom animation (e.g. the search's fit) is running.
    if (this.zooming) map.once('zoomend', go);
    else go();
  }

  /** Fits the view to points (kept until the map exists). */
  fit(points: [number, number][]): void {
    if (!points.length) return;
    if (!this.map || !this.L) {
      this.pendingFit = points;
      return;
    }
    this.pendingFit = undefined;
    const b = this.L.latLngBounds(points.map(([la, ln]) => this.L!.latLng(la, ln)));
    this.map.fitBounds(b.pad(0.15), { maxZoom: 16, animate: true });
  }

  /** Shows (or hides, with null) the "you are here" marker. */
  setUser(p: { lat: number; lng: number } | null, title: string): void {
    this.me?.remove();
    this.me = undefined;
    if (!p || !this.L || !this.group) return;
    this.me = this.L.marker([p.lat, p.lng], {
      icon: this.L.divIcon({ className: 'wifi-me', html: '<span></span>', iconSize: [22, 22] }),
      title,
      alt: title,
      zIndexOffset: 1000,
      keyboard: false,
    }).addTo(this.group);
  }

  /** With a callback, the next tap on the map picks a point and reports it; null cancels. */
  setPicking(onPick: ((lat: number, lng: number) => void) | null): void {
    this.picking = onPick;
    this.map?.getContainer().classList.toggle('wifi-picking', !!onPick);
  }

  private pointIcon(h: Hotspot) {
    return this.L!.divIcon({
      className: `wifi-pt wifi-pt-${h.state}${h.id === this.selected ? ' wifi-pt-sel' : ''}`,
      html: '<span></span>',
      iconSize: [28, 28],
    });
  }

  private render(): void {
    const { L, map, group } = this;
    if (!L || !map || !group || !this.items.length) {
      for (const m of this.shown.values()) m.remove();
      this.shown.clear();
      return;
    }
    const b = map.getBounds().pad(0.25);
    const zoom = Math.min(Math.floor(map.getZoom()), CLUSTER_MAX_ZOOM + 1);
    const found = this.index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom);
    const next = new Map<string, Marker>();
    for (const f of found) {
      const [lng, lat] = f.geometry.coordinates;
      const p = f.properties as Partial<ClusterProperties> & Partial<PointProps> & ClusterProps;
      if (p.cluster) {
        const key = `c${p.cluster_id}:${p.point_count}:${p.down}`;
        let m = this.shown.get(key);
        if (!m) {
          const n = p.point_count!;
          const size = n < 10 ? 30 : n < 50 ? 36 : n < 200 ? 42 : 48;
          m = L.marker([lat, lng], {
            icon: L.divIcon({
              className: 'wifi-cl',
              html: `<span class="wifi-cl-n">${n}</span>${p.down ? `<span class="wifi-cl-down">${p.down}</span>` : ''}`,
              iconSize: [size, size],
            }),
            title: String(n),
            keyboard: false,
          });
          const id = p.cluster_id!;
          m.on('click', () => {
            const z = Math.min(this.index.getClusterExpansionZoom(id), MAX_ZOOM);
            map.setView([lat, lng], Math.max(z, map.getZoom() + 1), { animate: true });
          });
          m.addTo(group);
        }
        next.set(key, m);
      } else {
        const h = this.byId.get(p.id!);
        if (!h) continue;
        const key = `p${h.id}`;
        let m = this.shown.get(key);
        if (!m) {
          const title = this.events.pointTitle(h);
          m = L.marker([lat, lng], { icon: this.pointIcon(h), title, alt: title, riseOnHover: true });
          m.on('click', () => this.events.onSelect(h.id));
          m.on('add', () => m!.getElement()?.setAttribute('data-id', String(h.id)));
          m.addTo(group);
        }
        next.set(key, m);
      }
    }
    for (const [k, m] of this.shown) if (!next.has(k)) m.remove();
    this.shown = next;
  }
}
