import type { LeafletMouseEvent } from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { WhenVisible } from '../../components/WhenVisible';
import { CityMap, type AreaStyle, type KelurahanProps, type MapLayer, type MapPoint } from '../../components/map';
import { useFormat, useLang } from '../../i18n';
import { CountText } from './bits';
import { dateAt, dayIndex, useJson, type CovidMapData, type MapMetric } from './data';
import LocateResultView from './LocateResult';
import { useCovidT } from './i18n';

const START = '2020-03-02';

interface Props {
  latest: string;
  date: string;
  onDate: (d: string) => void;
  version: number;
}

/** Choropleth (kecamatan or kelurahan) + RW zone points, a date slider and "Cek lokasi saya". */
export default function MapSection({ latest, date, onDate, version }: Props) {
  const t = useCovidT();
  const fmt = useFormat();
  const { lang } = useLang();
  const [mode, setMode] = useState<'kelurahan' | 'kecamatan'>('kelurahan');
  const [showRw, setShowRw] = useState(true);
  // Per 10,000 residents only for kecamatan: population is published per kecamatan, not per kelurahan.
  const [metricPick, setMetric] = useState<MapMetric>('active');
  const metric: MapMetric = mode === 'kecamatan' ? metricPick : 'active';
  const areas = useJson<CovidMapData>(`/api/covid/map?level=${mode}&date=${date}${metric === 'per_10k' ? '&metric=per_10k' : ''}`, version);
  const rws = useJson<CovidMapData>(showRw ? `/api/covid/map?level=rw&date=${date}` : null, version);

  // The slider moves freely; the map reloads once it rests for a moment.
  const max = Math.max(0, dayIndex(latest, START));
  const [slider, setSlider] = useState(() => dayIndex(date, START));
  useEffect(() => setSlider(dayIndex(date, START)), [date]);
  useEffect(() => {
    const d = dateAt(slider, START);
    if (d === date) return;
    const timer = setTimeout(() => onDate(d), 250);
    return () => clearTimeout(timer);
  }, [slider, date, onDate]);

  const byCode = useMemo(() => new Map((areas.data?.features ?? []).map((f) => [f.properties.code, f.properties])), [areas.data]);
  const kelurahanStyle = useMemo(() => {
    if (!areas.data) return undefined;
    return (k: KelurahanProps): AreaStyle => {
      const p = byCode.get(mode === 'kelurahan' ? k.code : k.kecamatan_code);
      if (!p) return {};
      // In kecamatan mode every kelurahan takes its kecamatan's colour; the thick kecamatan lines stay on top.
      return { fillColor: p.colour, fillOpacity: 0.8, ...(mode === 'kecamatan' ? { color: p.colour, weight: 0.5 } : {}) };
    };
  }, [areas.data, byCode, mode]);

  // RW points through the shared map's `points` (drawn above the fills; taps between them reach the kelurahan).
  const small = typeof window !== 'undefined' && window.innerWidth < 600;
  const rwPoints = useMemo<MapPoint[] | undefined>(() => {
    if (!showRw || !rws.data) return undefined;
    return rws.data.features.map((f) => {
      const p = f.properties;
      const [lng, lat] = f.geometry.coordinates as [number, number];
      const label = `${p.name}: ${p.zone ? t(`zone.${p.zone}`) : t('zone.none')} · ${t('card.active')} ${typeof p.active === 'number' ? fmt.number(p.active) : p.active}`;
      return { id: p.code, lat, lng, color: p.colour, radius: small ? 2.5 : 3.5, label };
    });
  }, [showRw, rws.data, t, fmt, small]);

  // "Pick a point": a layer that listens to map clicks while picking is on and draws the 2 km circle.
  const [picking, setPicking] = useState(false);
  const pickingRef = useRef(false);
  pickingRef.current = picking;
  const [where, setWhere] = useState<{ lat: number; lng: number } | null>(null);
  const drawRef = useRef<((lat: number, lng: number) => void) | null>(null);
  const pickLayer = useMemo<MapLayer>(
    () => ({
      id: 'covid-pick',
      create(L, map) {
        const g = L.layerGroup();
        const draw = (lat: number, lng: number) => {
          g.clearLayers();
          L.circle([lat, lng], { radius: 2000, color: '#1f5fbf', weight: 2, fillOpacity: 0.06, interactive: false }).addTo(g);
          L.circleMarker([lat, lng], {
            radius: 7,
            color: '#fff',
            weight: 2,
            fillColor: '#1f5fbf',
            fillOpacity: 1,
            interactive: false,
          }).addTo(g);
        };
        const onClick = (e: LeafletMouseEvent) => {
          if (!pickingRef.current) return;
          setWhere({ lat: e.latlng.lat, lng: e.latlng.lng });
          setPicking(false);
        };
        g.on('add', () => {
          map.on('click', onClick);
          drawRef.current = draw;
        });
        g.on('remove', () => {
          map.off('click', onClick);
          drawRef.current = null;
        });
        return g;
      },
    }),
    [],
  );
  const layers = useMemo(() => [pickLayer], [pickLayer]);
  useEffect(() => {
    if (where) drawRef.current?.(where.lat, where.lng);
  }, [where, areas.data]);

  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const useMyLocation = () => {
    setGeoError(null);
    if (!navigator.geolocation) return setGeoError(t('locate.unsupported'));
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setWhere({ lat: pos.coords.latitude, lng: pos.coords.longitude });
      },
      () => {
        setLocating(false);
        setGeoError(t('locate.denied'));
      },
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const legend = areas.data?.legend;
  const legendBlock = (
    <div className="covid-legend">
      {legend && (
        <div>
          <p className="small">
            <strong>{lang === 'en' ? legend.title_en : legend.title_id}</strong> (
            {t(mode === 'kelurahan' ? 'map.perKelurahan' : 'map.perKecamatan')})
          </p>
          <ul className="legend" data-metric={legend.metric ?? legend.field}>
            {legend.buckets.map((b) => (
              <li key={b.label}>
                <span className="swatch" style={{ background: b.colour }} aria-hidden="true" /> {b.label}
              </li>
            ))}
          </ul>
          {legend.population_source && (
            <p className="small muted covid-pop-source">
              {t('map.popSource')}:{' '}
              <a href={legend.population_source.url.split(' ')[0]} rel="noopener noreferrer" target="_blank">
                {lang === 'en' ? legend.population_source.label_en : legend.population_source.label_id}
              </a>
            </p>
          )}
        </div>
      )}
      {showRw && rws.data && (
        <div>
          <p className="small">
            <strong>{lang === 'en' ? rws.data.legend.title_en : rws.data.legend.title_id}</strong>
            {rws.data.rule && <span className="muted"> · {rws.data.rule.regulation}</span>}
          </p>
          <ul className="legend">
            {rws.data.legend.buckets.map((b) => (
              <li key={String(b.value)}>
                <span className="swatch swatch-dot" style={{ background: b.colour }} aria-hidden="true" />{' '}
                {b.value ? t(`zone.${b.value}` as 'zone.hijau') : t('zone.none')}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );

  return (
    <section
      className="card"
      aria-labelledby="covid-map-title"
      id="covid-map"
      data-map-date={areas.loading ? '' : (areas.data?.date ?? '')}
      data-mode={mode}
      data-metric={metric}
    >
      <div className="card-head">
        <h2 id="covid-map-title">{t('map.title')}</h2>
        <p className="muted small">{t('map.dateShown', { date: fmt.date(date) })}</p>
      </div>

      <div className="covid-slider field">
        <label htmlFor="covid-date">{t('map.slider')}</label>
        <div className="covid-slider-row">
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => setSlider((v) => Math.max(0, v - 1))}
            aria-label={t('map.prevDay')}
          >
            ‹
          </button>
          <input
            id="covid-date"
            type="range"
            min={0}
            max={max}
            step={1}
            value={slider}
            onChange={(e) => setSlider(Number(e.target.value))}
            aria-valuetext={fmt.date(dateAt(slider, START))}
          />
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => setSlider((v) => Math.min(max, v + 1))}
            aria-label={t('map.nextDay')}
          >
            ›
          </button>
        </div>
        <p className="small covid-slider-value">
          <strong>{fmt.date(dateAt(slider, START))}</strong>
          {slider !== max && (
            <>
              {' · '}
              <button type="button" className="linklike" onClick={() => setSlider(max)}>
                {t('map.latest')}
              </button>
            </>
          )}
          {areas.loading && <span className="muted"> · {t('loading')}</span>}
        </p>
      </div>

      <div className="covid-map-controls">
        <div className="covid-segment" role="group" aria-label={t('map.modeLabel')}>
          {(['kelurahan', 'kecamatan'] as const).map((m) => (
            <button key={m} type="button" className={mode === m ? 'active' : ''} aria-pressed={mode === m} onClick={() => setMode(m)}>
              {t(m === 'kelurahan' ? 'level.kelurahan' : 'level.kecamatan')}
            </button>
          ))}
        </div>
        {mode === 'kecamatan' && (
          <div className="covid-segment" id="covid-metric" role="group" aria-label={t('map.metricLabel')}>
            {(['active', 'per_10k'] as const).map((m) => (
              <button
                key={m}
                type="button"
                data-metric={m}
                className={metric === m ? 'active' : ''}
                aria-pressed={metric === m}
                onClick={() => setMetric(m)}
              >
                {t(m === 'active' ? 'map.metricActive' : 'map.metricPer10k')}
              </button>
            ))}
          </div>
        )}
        <label className="covid-check">
          <input type="checkbox" checked={showRw} onChange={(e) => setShowRw(e.target.checked)} /> {t('map.showRw')}
        </label>
      </div>

      {areas.error ? <ErrorNotice error={areas.error} onRetry={areas.reload} retryLabel={t('retry')} /> : null}
      {areas.data?.features.some((f) => f.properties.demo) && <p className="notice notice-demo small">{t('map.demoNote')}</p>}

      {/* Leaflet is fetched only when the map comes near the screen (phones open on the summary cards). */}
      <WhenVisible minHeight="clamp(260px, 72vw, 70vh)" rootMargin="300px">
        <div className={picking ? 'covid-picking' : undefined}>
          <CityMap
            ariaLabel={t('map.aria')}
            kelurahanStyle={kelurahanStyle}
            layers={layers}
            points={rwPoints}
            legend={legendBlock}
            renderPanelExtra={(k) => {
              const p = byCode.get(mode === 'kelurahan' ? k.code : k.kecamatan_code);
              return p ? (
                <p className="covid-panel-figures">
                  {t('card.active')} ({mode === 'kelurahan' ? t('level.kelurahan') : t('level.kecamatan')}):{' '}
                  <strong>{<CountText v={p.active} />}</strong> · {t('card.new_cases')}: <CountText v={p.new_cases} />
                  {typeof p.per_10k === 'number' && (
                    <>
                      {' · '}
                      <strong>{fmt.number(p.per_10k, 2)}</strong> {t('map.per10kShort')}
                    </>
                  )}
                </p>
              ) : null;
            }}
          />
        </div>
      </WhenVisible>

      <div className="covid-locate" id="covid-locate">
        <h3>{t('locate.title')}</h3>
        <p className="muted small">{t('locate.hint')}</p>
        <div className="covid-actions">
          <button type="button" className="btn btn-primary" onClick={useMyLocation} disabled={locating}>
            {locating ? t('locate.finding') : t('locate.mine')}
          </button>
          <button
            type="button"
            className={`btn ${picking ? 'btn-primary' : 'btn-secondary'}`}
            aria-pressed={picking}
            onClick={() => setPicking((p) => !p)}
          >
            {picking ? t('locate.pickingNow') : t('locate.pick')}
          </button>
        </div>
        {geoError && <p className="notice notice-info small">{geoError}</p>}
        {where && <LocateResultView lat={where.lat} lng={where.lng} date={date} />}
      </div>
    </section>
  );
}
