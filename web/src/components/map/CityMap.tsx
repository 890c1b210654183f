import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorNotice } from '../ErrorNotice';
import { Loading } from '../Loading';
import { useFormat, useT } from '../../i18n';
import { BoundaryLegend, KelurahanPicker } from './parts';
import { loadBoundaries, type KecamatanCollection, type KelurahanCollection } from './geojson';
import type { AreaStyle, CityMapProps, KelurahanProps } from './types';

// The city map: kecamatan and kelurahan boundaries from the platform API, drawn as SVG so it needs
// no internet tiles. Loaded lazily (see ./index.tsx) so Leaflet is not in any page's initial JS.

const BASE: AreaStyle = { color: '#4f8a63', weight: 1, opacity: 0.9, fillColor: '#cfe6d4', fillOpacity: 0.75 };
const HOVER: AreaStyle = { fillColor: '#a9d6b4' };
const SELECTED: AreaStyle = { color: '#6b4e00', weight: 3, fillColor: '#f5c400', fillOpacity: 0.85 };
const KECAMATAN: L.PathOptions = { color: '#0b4d2a', weight: 2.5, opacity: 1, fill: false, interactive: false, className: 'sc-kecamatan' };

// Depok is wider than tall: a height of ~¾ of the width fills a phone screen without empty bands.
export const DEFAULT_HEIGHT = 'clamp(260px, 72vw, 70vh)';

// Points (the `points` prop) sit above the kecamatan lines (450) and below tooltips (650).
const POINTS_PANE = 'sc-points';

const kelClass = (code: string) => `sc-kelurahan sc-kel-${code.replace(/\./g, '')}`;

export default function CityMap(props: CityMapProps) {
  const t = useT();
  const fmt = useFormat();
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const kelLayer = useRef<L.GeoJSON | null>(null);
  const byCode = useRef(new Map<string, L.Path>());
  const [data, setData] = useState<[KecamatanCollection, KelurahanCollection] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [selected, setSelected] = useState<KelurahanProps | null>(null);

  // Tiles only when asked for: per map, or for the whole build with VITE_MAP_TILE_URL (the server's
  // MAP_TILE_URL must name the same host so its Content-Security-Policy allows the images).
  const tileUrl = props.tileUrl ?? (import.meta.env.VITE_MAP_TILE_URL as string | undefined);

  // Latest props for Leaflet's event handlers, which are bound once.
  const live = useRef({ props, selected });
  live.current = { props, selected };

  useEffect(() => {
    let alive = true;
    setError(null);
    loadBoundaries().then(
      // A transition: React renders the list of 63 kelurahan in time slices, not one long task.
      (d) => alive && startTransition(() => setData(d)),
      (e: unknown) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, [attempt]);

  const styleOf = (k: KelurahanProps, state: 'base' | 'hover' | 'selected' = 'base'): L.PathOptions => ({
    ...BASE,
    ...live.current.props.kelurahanStyle?.(k),
    ...(state === 'hover' ? HOVER : state === 'selected' ? SELECTED : {}),
    className: kelClass(k.code),
  });

  // Build the map once the boundaries are here.
  useEffect(() => {
    if (!data || !el.current) return;
    const [kec, kel] = data;
    const layers = byCode.current;
    const map = L.map(el.current, {
      zoomSnap: 0.25,
      scrollWheelZoom: false,
      attributionControl: true,
      preferCanvas: false,
    });
    mapRef.current = map;
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('© Cahya DSN (MIT)');
    if (tileUrl) L.tileLayer(tileUrl, { attribution: props.tileAttribution ?? '', maxZoom: 18 }).addTo(map);

    // Set the view before adding layers, so the boundaries are projected and drawn once. Kecamatan
    // lines sit in their own pane above the kelurahan, so drawing order does not matter.
    map.createPane('sc-kecamatan').style.zIndex = '450';
    const points = map.createPane(POINTS_PANE);
    points.style.zIndex = '460';
    points.style.pointerEvents = 'none';
    const kecamatan = L.geoJSON(kec, { style: () => KECAMATAN, pane: 'sc-kecamatan' });
    const bounds = kecamatan.getBounds();
    map.fitBounds(bounds, { padding: [8, 8], animate: false });
    map.setMaxBounds(bounds.pad(0.5));
    const fitZoom = map.getZoom();
    map.setMinZoom(fitZoom - 1);
    // On a phone the whole city is too small for eleven names: they appear once zoomed in.
    const labelZoom = fitZoom + (el.current.clientWidth < 560 ? 0.75 : 0);
    const toggleLabels = () => el.current?.classList.toggle('hide-kec-labels', map.getZoom() < labelZoom);
    map.on('zoomend', toggleLabels);
    toggleLabels();

    const canHover = window.matchMedia?.('(hover: hover)').matches ?? true;
    const kelurahan = L.geoJSON(undefined, {
      style: (f) => styleOf(f!.properties as KelurahanProps),
      onEachFeature: (f, layer) => {
        const k = f.properties as KelurahanProps;
        byCode.current.set(k.code, layer as L.Path);
        // Name on hover for mouse users; on touch screens a tap opens the panel instead.
        if (canHover) layer.bindTooltip(k.name, { sticky: true, direction: 'top', className: 'sc-tooltip' });
        layer.on({
          click: () => select(k),
          mouseover: () => live.current.selected?.code !== k.code && (layer as L.Path).setStyle(styleOf(k, 'hover')),
          mouseout: () => live.current.selected?.code !== k.code && (layer as L.Path).setStyle(styleOf(k)),
        });
      },
    }).addTo(map);
    kelLayer.current = kelurahan;
    // The drawing is split into small steps, one per task (kelurahan in batches, then the names), so
    // a phone's main thread never has a long task while the map appears.
    let cancelled = false;
    const steps: (() => void)[] = [];
    const BATCH = 12;
    for (let from = 0; from < kel.features.length; from += BATCH)
      steps.push(() =>
        kelurahan.addData({ type: 'FeatureCollection', features: kel.features.slice(from, from + BATCH) } as KelurahanCollection),
      );
    steps.push(() => kecamatan.addTo(map));

    // Kecamatan names at the mean of their kelurahan centroids (inside the area, unlike a box centre),
    // created when first shown (on a phone: after zooming in).
    let labelsMade = false;
    const makeLabels = () => {
      if (labelsMade || cancelled || map.getZoom() < labelZoom) return;
      labelsMade = true;
      const sums = new Map<string, { lat: number; lng: number; n: number }>();
      for (const f of kel.features) {
        const k = f.properties;
        const s = sums.get(k.kecamatan_code) ?? { lat: 0, lng: 0, n: 0 };
        sums.set(k.kecamatan_code, { lat: s.lat + k.centroid.lat, lng: s.lng + k.centroid.lng, n: s.n + 1 });
      }
      for (const f of kec.features) {
        const s = sums.get(f.properties.code);
        if (!s) continue;
        L.tooltip({ permanent: true, direction: 'center', className: 'sc-kec-label', interactive: false })
          .setLatLng([s.lat / s.n, s.lng / s.n])
          .setContent(f.properties.name)
          .addTo(map);
      }
    };
    steps.push(makeLabels);
    map.on('zoomend', makeLabels);
    const run = (i: number) => {
      if (cancelled) return;
      steps[i]();
      if (i + 1 < steps.length) setTimeout(() => run(i + 1), 0);
    };
    setTimeout(() => run(0), 0);

    // The container's size changes with the layout (drawer, rotation): keep the map filled.
    const ro = new ResizeObserver(() => map.invalidateSize());
    ro.observe(el.current);
    return () => {
      cancelled = true;
      ro.disconnect();
      map.remove();
      mapRef.current = null;
      kelLayer.current = null;
      layers.clear();
    };
    // Rebuilt only when the boundaries or the tile source change; handlers read the latest props and
    // selection through `live`, so re-creating the Leaflet map on every render is not needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, tileUrl]);

  function select(k: KelurahanProps | null) {
    const prev = live.current.selected;
    if (prev) byCode.current.get(prev.code)?.setStyle(styleOf(prev));
    if (k) {
      const layer = byCode.current.get(k.code);
      layer?.setStyle(styleOf(k, 'selected'));
      layer?.bringToFront();
    }
    live.current.selected = k;
    setSelected(k);
    live.current.props.onKelurahanSelect?.(k);
  }

  // Choropleths: re-style when the caller's style function changes.
  useEffect(() => {
    const layer = kelLayer.current;
    if (!layer) return;
    layer.eachLayer((l) => {
      const k = ((l as L.GeoJSON).feature as GeoJSON.Feature<GeoJSON.Geometry, KelurahanProps>).properties;
      (l as L.Path).setStyle(styleOf(k, live.current.selected?.code === k.code ? 'selected' : 'base'));
    });
  }, [props.kelurahanStyle, data]);

  // Extra layers from the caller.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !props.layers?.length) return;
    const made = props.layers.map((x) => x.create(L, map).addTo(map));
    return () => made.forEach((l) => l.remove());
  }, [props.layers, data]);

  // Simple points: SVG circles in their own pane above the kelurahan fills and kecamatan lines. The
  // pane ignores the pointer (pointer-events: none is inherited by its SVG), only the circles take it
  // back (Leaflet's .leaflet-interactive), so taps between points still reach the polygons. (A canvas
  // renderer would cover the whole map and swallow those taps.)
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !props.points?.length) return;
    const renderer = L.svg({ pane: POINTS_PANE, padding: 0.2 });
    const group = L.layerGroup(
      props.points.map((p) => {
        const m = L.circleMarker([p.lat, p.lng], {
          renderer,
          pane: POINTS_PANE,
          radius: p.radius ?? 5,
          color: '#ffffff',
          weight: 1,
          fillColor: p.color ?? '#0b6b3a',
          fillOpacity: 0.95,
          className: 'sc-point',
        });
        if (p.label) m.bindTooltip(p.label);
        m.on('click', () => live.current.props.onPointClick?.(p));
        return m;
      }),
    ).addTo(map);
    return () => {
      group.remove();
      renderer.remove();
    };
  }, [props.points, data]);

  const sortedKelurahan = useMemo(() => {
    if (!data) return [];
    const groups = new Map<string, KelurahanProps[]>();
    for (const f of data[1].features) {
      const k = f.properties;
      const g = groups.get(k.kecamatan_name) ?? [];
      g.push(k);
      groups.set(k.kecamatan_name, g);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kec, ks]) => [kec, ks.sort((a, b) => a.name.localeCompare(b.name))] as const);
  }, [data]);

  const height = props.height ?? DEFAULT_HEIGHT;

  if (error)
    return (
      <div className="map-frame map-error" style={{ minHeight: height }}>
        <ErrorNotice error={error} title={t('map.errorTitle')} onRetry={() => setAttempt((a) => a + 1)} retryLabel={t('map.retry')} />
      </div>
    );

  return (
    <div className="city-map">
      <div className="map-frame" style={{ height }}>
        {!data && <Loading label={t('map.loading')} minHeight={height} />}
        <div
          ref={el}
          className="map-canvas"
          role="region"
          aria-label={props.ariaLabel ?? t('map.label')}
          data-ready={data ? 'true' : 'false'}
        />
      </div>

      {selected && (
        <section className="kel-panel" aria-live="polite" aria-labelledby="kel-panel-title" data-code={selected.code}>
          <div className="kel-panel-head">
            <h3 id="kel-panel-title">
              <span className="muted small">{t('map.kelurahan')}</span> {selected.name}
            </h3>
            <button type="button" className="icon-btn" aria-label={t('map.closePanel')} onClick={() => select(null)}>
              ×
            </button>
          </div>
          <dl className="facts">
            <div>
              <dt>{t('map.kecamatan')}</dt>
              <dd>{selected.kecamatan_name}</dd>
            </div>
            <div>
              <dt>{t('map.postalCode')}</dt>
              <dd className="postal-code">{selected.postal_code}</dd>
            </div>
            <div>
              <dt>{t('map.rwCount')}</dt>
              <dd className="rw-count">{fmt.number(selected.rw_count)}</dd>
            </div>
            <div>
              <dt>{t('map.area')}</dt>
              <dd>{fmt.number(selected.area_km2, 2)} km²</dd>
            </div>
            <div>
              <dt>{t('map.code')}</dt>
              <dd>{selected.code}</dd>
            </div>
          </dl>
          {props.renderPanelExtra?.(selected)}
        </section>
      )}

      {!props.hidePicker && (
        <KelurahanPicker
          groups={sortedKelurahan}
          value={selected?.code ?? ''}
          showHint={!selected}
          onPick={data ? (code) => select(data[1].features.find((f) => f.properties.code === code)?.properties ?? null) : undefined}
        />
      )}

      {props.legend ?? <BoundaryLegend />}
    </div>
  );
}
