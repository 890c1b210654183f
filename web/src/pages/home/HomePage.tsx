import { startTransition, useEffect, useMemo, useState } from 'react';
import { api } from '../../api';
import { Chart, type ChartOption } from '../../components/chart';
import { CityMap } from '../../components/map';
import { Icon } from '../../components/Icon';
import { ErrorNotice } from '../../components/ErrorNotice';
import { WhenVisible } from '../../components/WhenVisible';
import { useAuth } from '../../auth';
import { useBilingual, useFormat, useT } from '../../i18n';
import { visibleModules } from '../../modules';
import { Link } from '../../router';

interface Kecamatan {
  code: string;
  name: string;
  area_km2: number;
  rw_count: number;
  kelurahan_count: number;
}

/** Public home: who we are, the city map, the services that exist, and the kecamatan at a glance. */
export function HomePage() {
  const t = useT();
  const pick = useBilingual();
  const fmt = useFormat();
  const { user } = useAuth();
  const modules = visibleModules(user?.role).filter((m) => !m.navOnly);
  const [kecamatan, setKecamatan] = useState<Kecamatan[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [showTable, setShowTable] = useState(false);

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  useEffect(() => {
    api<Kecamatan[]>('/api/wilayah/kecamatan').then((k) => startTransition(() => setKecamatan(k)), setError);
  }, []);

  const kelurahanCount = kecamatan?.reduce((s, k) => s + k.kelurahan_count, 0);

  const chartOption = useMemo<ChartOption | null>(() => {
    if (!kecamatan) return null;
    const rows = [...kecamatan].sort((a, b) => b.area_km2 - a.area_km2);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemGap: 24 },
      grid: { left: 8, right: 8, top: 64, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { rotate: 40, fontSize: 11 } },
      yAxis: [
        { type: 'value', name: t('home.area'), nameTextStyle: { align: 'left' } },
        { type: 'value', name: t('home.rw'), nameTextStyle: { align: 'right' }, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: t('home.area'), data: rows.map((r) => Number(r.area_km2.toFixed(2))) },
        { type: 'line', name: t('home.rw'), yAxisIndex: 1, data: rows.map((r) => r.rw_count), symbolSize: 7 },
      ],
    };
  }, [kecamatan, t]);

  return (
    <div className="page home">
      <section className="hero">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.intro')}</p>
      </section>

      <section className="card" aria-labelledby="map-title">
        <div className="card-head">
          <h2 id="map-title">{t('home.mapTitle')}</h2>
          {/* Always rendered (empty until the counts arrive) so the map below does not move. */}
          <p className="muted small map-summary">
            {kecamatan && kelurahanCount !== undefined
              ? t('home.mapSummary', { kecamatan: kecamatan.length, kelurahan: kelurahanCount })
              : '\u00a0'}
          </p>
        </div>
        <CityMap />
      </section>

      {modules.length > 0 && (
        <section aria-labelledby="modules-title">
          <h2 id="modules-title">{t('home.modulesTitle')}</h2>
          <ul className="module-cards">
            {modules.map((m) => (
              <li key={m.id}>
                <Link to={m.path} className="module-card">
                  <span className="module-icon">
                    <Icon name={m.icon} size={24} />
                  </span>
                  <span>
                    <strong>{pick(m.title)}</strong>
                    <span className="muted">{pick(m.summary)}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card" aria-labelledby="glance-title">
        <h2 id="glance-title">{t('home.glanceTitle')}</h2>
        <p className="muted small">{t('home.glanceNote')}</p>
        {error ? (
          <ErrorNotice error={error} />
        ) : (
          <WhenVisible minHeight="320px">{chartOption && <Chart option={chartOption} ariaLabel={t('home.glanceTitle')} />}</WhenVisible>
        )}
        {kecamatan && (
          <details className="table-details" onToggle={(e) => setShowTable(e.currentTarget.open)}>
            <summary>{t('home.table')}</summary>
            {showTable && (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('map.kecamatan')}</th>
                    <th scope="col" className="num">
                      {t('home.area')}
                    </th>
                    <th scope="col" className="num">
                      {t('map.kelurahan')}
                    </th>
                    <th scope="col" className="num">
                      {t('home.rw')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {kecamatan.map((k) => (
                    <tr key={k.code}>
                      <th scope="row">{k.name}</th>
                      <td className="num">{fmt.number(k.area_km2, 2)}</td>
                      <td className="num">{k.kelurahan_count}</td>
                      <td className="num">{fmt.number(k.rw_count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </details>
        )}
      </section>
    </div>
  );
}
