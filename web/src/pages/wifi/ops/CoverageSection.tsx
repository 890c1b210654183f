import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../../../api';
import { CityMap, type AreaStyle, type KelurahanProps, type MapLayer } from '../../../components/map';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { WhenVisible } from '../../../components/WhenVisible';
import { useFormat } from '../../../i18n';
import { rwLabel, type CoverageRow } from '../data';
import { useWifiT } from '../i18n';
import { CsvLink } from '../parts';

const PAGE = 50;
const GAP_COLOR: Record<number, string> = { 2: '#c62828', 1: '#c27c00' };

// Kelurahan fill by the share of its RWs that meet the target (red → green).
function shareStyle(share: number | undefined): AreaStyle {
  if (share === undefined) return {};
  const fill = share >= 0.9 ? '#7cc48f' : share >= 0.6 ? '#cfe6a4' : share >= 0.3 ? '#f5d68a' : '#f2a7a0';
  return { fillColor: fill, fillOpacity: 0.8 };
}

/** Working points per RW against the target of 2: summary, map of RWs below target, list. */
export function CoverageSection({ version }: { version: number }) {
  const t = useWifiT();
  const fmt = useFormat();
  const [rows, setRows] = useState<CoverageRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [limit, setLimit] = useState(PAGE);

  useEffect(() => {
    const ac = new AbortController();
    api<CoverageRow[]>('/api/wifi/coverage', { signal: ac.signal }).then(
      (r) => {
        setRows(r);
        setError(null);
      },
      (e: unknown) => (e as Error).name !== 'AbortError' && setError(e),
    );
    return () => ac.abort();
  }, [version]);

  const below = useMemo(
    () => (rows ?? []).filter((r) => r.gap > 0).sort((a, b) => b.gap - a.gap || a.rw_code.localeCompare(b.rw_code)),
    [rows],
  );
  const byKel = useMemo(() => {
    const m = new Map<string, { n: number; ok: number }>();
    for (const r of rows ?? []) {
      const s = m.get(r.kelurahan_code) ?? { n: 0, ok: 0 };
      s.n++;
      if (r.gap === 0) s.ok++;
      m.set(r.kelurahan_code, s);
    }
    return m;
  }, [rows]);

  // RW points in a pane of their own above the kelurahan fills (the shared `points` canvas is drawn
  // under a choropleth's fills), and the pane lets taps through except on the points themselves.
  const layers = useMemo<MapLayer[]>(
    () => [
      {
        id: 'wifi-coverage',
        create: (L, map) => {
          const pane = map.getPane('wifiCoverage') ?? map.createPane('wifiCoverage');
          pane.style.zIndex = '450';
          pane.style.pointerEvents = 'none';
          const renderer = L.svg({ pane: 'wifiCoverage' });
          return L.layerGroup(
            below.map((r) =>
              L.circleMarker([r.lat, r.lng], {
                renderer,
                pane: 'wifiCoverage',
                radius: 5,
                color: '#ffffff',
                weight: 1.5,
                fillColor: GAP_COLOR[r.gap] ?? GAP_COLOR[1],
                fillOpacity: 1,
                className: 'wifi-cov-pt',
              }).bindTooltip(`${r.kelurahan_name} ${rwLabel(r.rw_code)}: ${r.working}/${r.target}`),
            ),
          );
        },
      },
    ],
    [below],
  );
  const kelurahanStyle = useCallback(
    (k: KelurahanProps) => {
      const s = byKel.get(k.code);
      return shareStyle(s ? s.ok / s.n : undefined);
    },
    [byKel],
  );
  const renderPanelExtra = useCallback(
    (k: KelurahanProps) => {
      const s = byKel.get(k.code);
      return s ? <p className="wifi-kel-count">{t('coverage.kelShare', { ok: s.ok, n: s.n })}</p> : null;
    },
    [byKel, t],
  );

  const target = rows?.[0]?.target ?? 2;
  return (
    <section className="card" id="coverage" aria-labelledby="coverage-title">
      <div className="card-head">
        <h2 id="coverage-title">{t('coverage.title')}</h2>
        <CsvLink href="/api/wifi/coverage?below_target=true&format=csv" />
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!rows && !error && <Loading />}
      {rows && (
        <>
          <p className="wifi-summary" data-below={below.length}>
            {t('coverage.summary', { below: fmt.number(below.length), total: fmt.number(rows.length), target })}
          </p>
          <WhenVisible minHeight="320px" rootMargin="200px">
            <CityMap
              ariaLabel={t('coverage.mapAria')}
              layers={layers}
              kelurahanStyle={kelurahanStyle}
              renderPanelExtra={renderPanelExtra}
              hidePicker
              legend={
                <ul className="legend">
                  <li>
                    <span className="wifi-dot" style={{ background: GAP_COLOR[2] }} aria-hidden="true" /> {t('coverage.legendGap2')}
                  </li>
                  <li>
                    <span className="wifi-dot" style={{ background: GAP_COLOR[1] }} aria-hidden="true" /> {t('coverage.legendGap1')}
                  </li>
                  <li>
                    <span
                      className="swatch"
                      style={{ background: 'linear-gradient(90deg,#f2a7a0,#f5d68a,#cfe6a4,#7cc48f)' }}
                      aria-hidden="true"
                    />{' '}
                    {t('coverage.legendKel')}
                  </li>
                </ul>
              }
            />
          </WhenVisible>
          {below.length > 0 && (
            <div className="wifi-table-wrap">
              <table className="table wifi-table wifi-coverage">
                <thead>
                  <tr>
                    <th scope="col">{t('coverage.rw')}</th>
                    <th scope="col" className="num">
                      {t('coverage.hotspots')}
                    </th>
                    <th scope="col" className="num">
                      {t('coverage.working')}
                    </th>
                    <th scope="col" className="num">
                      {t('coverage.gap')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {below.slice(0, limit).map((r) => (
                    <tr key={r.rw_code}>
                      <th scope="row">
                        {r.kelurahan_name} {rwLabel(r.rw_code)}
                      </th>
                      <td className="num">{r.hotspots}</td>
                      <td className="num">{r.working}</td>
                      <td className="num">{r.gap}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {below.length > limit && (
            <p>
              <button type="button" className="btn btn-small btn-secondary" onClick={() => setLimit((l) => l + PAGE * 4)}>
                {t('more')} ({fmt.number(below.length - limit)})
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
