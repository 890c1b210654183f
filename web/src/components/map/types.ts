import type { Layer, Map as LeafletMap } from 'leaflet';
import type { ReactNode } from 'react';

/** Properties of a kelurahan feature from GET /api/wilayah/kelurahan.geojson. */
export interface KelurahanProps {
  code: string;
  name: string;
  kecamatan_code: string;
  kecamatan_name: string;
  postal_code: string;
  area_km2: number;
  rw_count: number;
  centroid: { lat: number; lng: number };
}

/** Properties of a kecamatan feature from GET /api/wilayah/kecamatan.geojson. */
export interface KecamatanProps {
  code: string;
  name: string;
  area_km2: number;
  rw_count: number;
}

/** How an area is drawn (a subset of Leaflet's path options, so callers need not import Leaflet). */
export interface AreaStyle {
  color?: string;
  weight?: number;
  opacity?: number;
  fillColor?: string;
  fillOpacity?: number;
  dashArray?: string;
}

export type LeafletNS = typeof import('leaflet');

/**
 * An extra layer drawn on top of the boundaries (e.g. Wi-Fi access points). `create` receives the
 * Leaflet namespace, so the caller's own chunk does not have to import Leaflet. Memoize the array:
 * layers are re-created when it changes.
 */
export interface MapLayer {
  id: string;
  create(L: LeafletNS, map: LeafletMap): Layer;
}

/** A simple point marker (SVG circle above the areas; fine for a thousand or two; class sc-point). */
export interface MapPoint {
  id: string;
  lat: number;
  lng: number;
  label?: string;
  color?: string;
  radius?: number;
}

export interface CityMapProps {
  /** CSS height of the map; the panel and legend come below it. Default: clamp(260px, 72vw, 70vh). */
  height?: string;
  /** Accessible name of the map. */
  ariaLabel?: string;
  /** Fill/stroke per kelurahan (choropleths). Memoize it: the layer is re-styled when it changes. */
  kelurahanStyle?: (k: KelurahanProps) => AreaStyle;
  /** Extra content in the kelurahan panel (e.g. case counts), under name/kecamatan/postal code/RWs. */
  renderPanelExtra?: (k: KelurahanProps) => ReactNode;
  onKelurahanSelect?: (k: KelurahanProps | null) => void;
  layers?: MapLayer[];
  points?: MapPoint[];
  onPointClick?: (p: MapPoint) => void;
  /** Shown under the map (e.g. a choropleth legend); default: the boundary legend. */
  legend?: ReactNode;
  /** Optional raster tiles ({z}/{x}/{y} URL); default none: the map works offline from the API. */
  tileUrl?: string;
  tileAttribution?: string;
  /** Hide the "choose a kelurahan" list (keyboard/screen-reader access); shown by default. */
  hidePicker?: boolean;
}
