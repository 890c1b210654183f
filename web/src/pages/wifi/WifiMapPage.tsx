import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CityMap, type KelurahanProps } from '../../components/map';
import { loadBoundaries } from '../../components/map/geojson';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../i18n';
import { HotspotLayerController } from './HotspotLayer';
import { HotspotPanel } from './HotspotPanel';
import { NearestSection } from './NearestSection';
import { LiveBadge, StateDot } from './parts';
import { useWifiT, type WifiKey } from './i18n';
import {
  isUp,
  loadHotspots,
  matchesFilter,
  rwLabel,
  STATES,
  useThrottled,
  useWifiEvents,
  type Filter,
  type Hotspot,
  type HotspotState,
} from './data';

const FILTERS: { f: Filter; key: WifiKey }[] = [
  { f: 'all', key: 'filter.all' },
  { f: 'up', key: 'filter.up' },
  { f: 'down', key: 'filter.down' },
  { f: 'none', key: 'filter.none' },
];

/** Public map of the Wi-Fi points: states, filter, search by kelurahan/RW, nearest, details. */
export default function WifiMapPage() {
  const t = useWifiT();
  const fmt = useFormat();
  const [items, setItems] = useState<Hotspot[] | null>(null);
  const [generatedAt, setGeneratedAt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [filter, setFilter] = useState<Filter>('all');
  const [kelurahan, setKelurahan] = useState<{ code: string; name: string }[]>([]);
  const [kel, setKel] = useState('');
  const [rw, setRw] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const [demo, setDemo] = useState(false);

  useEffect(() => {
    document.title = `${t('map.title')} · Depok Smart City`;
  }, [t]);

  const reload = useCallback(() => {
    const ac = new AbortController();
    loadHotspots(ac.signal).then(
      (r) => {
        setItems(r.items);
        setGeneratedAt(r.generatedAt);
        setDemo(r.demo);
        setError(null);
      },
      (e: unknown) => (e as Error).name !== 'AbortError' && setError(e),
    );
    return () => ac.abort();
  }, []);
  useEffect(reload, [reload, attempt]);

  useEffect(() => {
    loadBoundaries().then(
      ([, kel]) =>
        setKelurahan(
          kel.features.map((f) => ({ code: f.properties.code, name: f.properties.name })).sort((a, b) => a.name.localeCompare(b.name)),
        ),
      () => undefined, // the map shows the error; the search just stays empty
    );
  }, []);

  // Live: apply per-point state changes without reloading.
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const seenChanges = useRef(0);
  const refetch = useThrottled(reload, 2000);
  const [detailVersion, setDetailVersion] = useState(0);
  // Changes are buffered and applied together: a burst of events re-clusters the map once.
  const pending = useRef(new Map<number, HotspotState>());
  const flush = useThrottled(() => {
    const changes = pending.current;
    pending.current = new Map();
    if (!changes.size) return;
    setItems((list) => list && list.map((h) => (changes.has(h.id) ? { ...h, state: changes.get(h.id)! } : h)));
    if (selectedRef.current !== null && changes.has(selectedRef.current)) setDetailVersion((v) => v + 1);
  }, 400);
  const live = useWifiEvents((e) => {
    if (e.type === 'wifi.hotspot.state_changed') {
      seenChanges.current++;
      pending.current.set(Number(e.data.id), String(e.data.to) as HotspotState);
      setGeneratedAt(e.at);
      flush();
    } else if (e.type === 'wifi.health.evaluated') {
      // The server caps per-change events in a city-wide outage: fetch the list when some were missed.
      if (Number(e.data.hotspots_changed ?? 0) > seenChanges.current) refetch();
      seenChanges.current = 0;
    }
  });

  const controller = useMemo(
    () =>
      new HotspotLayerController({
        onSelect: (id) => setSelected(id),
        pointTitle: (h) => h.name,
      }),
    [],
  );
  const layers = useMemo(() => [controller.layer], [controller]);

  const visible = useMemo(() => (items ?? []).filter((h) => matchesFilter(h.state, filter)), [items, filter]);
  useEffect(() => controller.setData(visible), [controller, visible]);
  useEffect(() => controller.select(selected), [controller, selected]);

  const counts = useMemo(() => {
    const c: Record<Filter, number> = { all: 0, up: 0, down: 0, none: 0 };
    for (const h of items ?? []) for (const { f } of FILTERS) if (matchesFilter(h.state, f)) c[f]++;
    return c;
  }, [items]);

  // Search by kelurahan / RW: list the matching points and fit the map to them.
  const rwsOfKel = useMemo(
    () => [...new Set((items ?? []).filter((h) => h.kelurahan_code === kel && h.rw_code).map((h) => h.rw_code!))].sort(),
    [items, kel],
  );
  const results = useMemo(
    () =>
      kel
        ? (items ?? [])
            .filter((h) => h.kelurahan_code === kel && (!rw || h.rw_code === rw))
            .sort((a, b) => (a.rw_code ?? '').localeCompare(b.rw_code ?? '') || a.name.localeCompare(b.name))
        : [],
    [items, kel, rw],
  );
  const resultKey = `${kel}|${rw}`;
  useEffect(() => {
    if (kel && results.length) controller.fit(results.map((h) => [h.lat, h.lng]));
    // Fit only when the search changes, not on every live state update.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller, resultKey, results.length > 0]);
  const kelName = kelurahan.find((k) => k.code === kel)?.name ?? kel;

  const choose = (h: { id: number; lat: number; lng: number }) => {
    setSelected(h.id);
    controller.focus(h.lat, h.lng);
    document.getElementById('wifi-map')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  const renderPanelExtra = useCallback(
    (k: KelurahanProps) => {
      const inKel = (items ?? []).filter((h) => h.kelurahan_code === k.code);
      return <p className="wifi-kel-count">{t('kel.hotspots', { n: inKel.length, up: inKel.filter((h) => isUp(h.state)).length })}</p>;
    },
    [items, t],
  );

  const legend = (
    <ul className="legend wifi-legend">
      {STATES.map((s) => (
        <li key={s}>
          <StateDot state={s} /> {t(`state.${s}`)}
        </li>
      ))}
      <li>
        <span className="wifi-legend-cl" aria-hidden="true">
          9<i>2</i>
        </span>{' '}
        {t('legend.cluster')}
      </li>
    </ul>
  );

  return (
    <div className="page wifi">
      <header className="wifi-head">
        <div>
          <h1>{t('map.title')}</h1>
          <p className="lead">{t('map.intro')}</p>
        </div>
        <LiveBadge connected={live} />
      </header>
      {error ? <ErrorNotice error={error} onRetry={() => setAttempt((a) => a + 1)} retryLabel={t('refresh')} /> : null}

      <section className="card wifi-controls" aria-label={t('filter.label')}>
        <div className="wifi-filters" role="group" aria-label={t('filter.label')}>
          {FILTERS.map(({ f, key }) => (
            <button key={f} type="button" className={`chip chip-${f}`} aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {t(key)} <span className="chip-n">{items ? fmt.number(counts[f]) : '…'}</span>
            </button>
          ))}
        </div>
        <div className="wifi-search">
          <div className="field">
            <label htmlFor="wifi-kel">{t('search.kelurahan')}</label>
            <select
              id="wifi-kel"
              value={kel}
              onChange={(e) => {
                setKel(e.target.value);
                setRw('');
              }}
            >
              <option value="">{t('search.allKelurahan')}</option>
              {kelurahan.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="wifi-rw">{t('search.rw')}</label>
            <select id="wifi-rw" value={rw} onChange={(e) => setRw(e.target.value)} disabled={!kel}>
              <option value="">{t('search.allRw')}</option>
              {rwsOfKel.map((c) => (
                <option key={c} value={c}>
                  {rwLabel(c)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </section>

      <section className="card wifi-map-card" id="wifi-map" aria-label={t('map.aria')}>
        <div className="wifi-map-status muted small">
          {items ? t('map.count', { shown: fmt.number(visible.length), total: fmt.number(items.length) }) : t('map.loading')}
          {generatedAt && <span> · {t('map.updated', { time: fmt.dateTime(generatedAt) })}</span>}
        </div>
        <CityMap
          ariaLabel={t('map.aria')}
          height="clamp(320px, 100vw, 72vh)"
          layers={layers}
          hidePicker
          legend={legend}
          renderPanelExtra={renderPanelExtra}
        />
        {!items && !error && <Loading label={t('map.loading')} />}
        {demo && <p className="notice notice-demo wifi-demo">{t('map.demo')}</p>}
      </section>

      {selected !== null && (
        <HotspotPanel
          id={selected}
          version={detailVersion}
          onClose={() => setSelected(null)}
          onZoom={(d) => controller.focus(d.lat, d.lng, 17)}
        />
      )}

      {kel && (
        <section className="card" aria-labelledby="wifi-results-title">
          <div className="card-head">
            <h2 id="wifi-results-title">{t('search.results', { n: results.length, place: rw ? `${kelName} ${rwLabel(rw)}` : kelName })}</h2>
            <button
              type="button"
              className="btn btn-small btn-secondary"
              onClick={() => {
                setKel('');
                setRw('');
              }}
            >
              {t('search.clear')}
            </button>
          </div>
          <ul className="wifi-list wifi-results">
            {results.map((h) => (
              <li key={h.id}>
                <button type="button" className="wifi-item" onClick={() => choose(h)}>
                  <StateDot state={h.state} />
                  <span className="wifi-item-main">
                    <strong>{h.name}</strong>
                    <span className="muted small">
                      {rwLabel(h.rw_code)} · {t(`cat.${h.category}` as WifiKey)} · {t(`state.${h.state}`)}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <NearestSection controller={controller} onChoose={choose} />
    </div>
  );
}
