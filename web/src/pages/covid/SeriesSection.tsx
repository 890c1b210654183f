import { useEffect, useMemo, useState } from 'react';
import { Chart, type ChartOption } from '../../components/chart';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../i18n';
import { CountText, kelurahanOptions, rwOptions, SelectField } from './bits';
import {
  kelurahanOf,
  readFollowed,
  useJson,
  type Kecamatan,
  type Kelurahan,
  type Level,
  type Published,
  type Rw,
  type Series,
} from './data';
import { useCovidT } from './i18n';

const num = (v: number | string): number | null => (typeof v === 'number' ? v : null);

/** Daily new, cumulative and active cases for the city, a kecamatan, kelurahan or RW. */
export default function SeriesSection({ version }: { version: number }) {
  const t = useCovidT();
  const fmt = useFormat();
  const followed = readFollowed();
  const [level, setLevel] = useState<Level>('kota');
  const [kec, setKec] = useState('32.76.01');
  const [kel, setKel] = useState(followed ? kelurahanOf(followed) : '32.76.01.1006');
  const [rw, setRw] = useState(followed ?? '');
  const kecs = useJson<Kecamatan[]>('/api/wilayah/kecamatan');
  const kels = useJson<Kelurahan[]>(level === 'kelurahan' || level === 'rw' ? '/api/wilayah/kelurahan' : null);
  const rws = useJson<Rw[]>(level === 'rw' ? `/api/wilayah/rw?kelurahan=${kel}` : null);
  useEffect(() => {
    if (rws.data?.length && !rws.data.some((r) => r.code === rw)) setRw(rws.data[0].code);
  }, [rws.data, rw]);

  const code = level === 'kota' ? '32.76' : level === 'kecamatan' ? kec : level === 'kelurahan' ? kel : rw;
  const ready = level !== 'rw' || rws.data?.some((r) => r.code === rw);
  const series = useJson<Series>(ready && code ? `/api/covid/series?level=${level}&code=${encodeURIComponent(code)}` : null, version);
  const published = useJson<Published>(
    level !== 'rw' && code ? `/api/covid/published?level=${level}&code=${encodeURIComponent(code)}` : null,
  );

  const s = series.data;
  const pubActive = useMemo(() => (published.data?.rows ?? []).filter((r) => r.metric === 'confirmed_active'), [published.data]);
  const hidden = s ? s.points.some((p) => typeof p.active === 'string' || typeof p.new_cases === 'string') : false;
  const option = useMemo<ChartOption | null>(() => {
    if (!s) return null;
    return {
      grid: { left: 8, right: 8, top: 12, bottom: 64, containLabel: true },
      legend: { bottom: 0, left: 0, itemWidth: 14, itemGap: 22, textStyle: { fontSize: 11, fontFamily: 'sans-serif' } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time', axisLabel: { hideOverlap: true, fontSize: 11 } },
      yAxis: [
        { type: 'value', axisLabel: { fontSize: 11 } },
        { type: 'value', splitLine: { show: false }, axisLabel: { fontSize: 11 } },
      ],
      series: [
        {
          name: t('card.new_cases'),
          type: 'bar',
          data: s.points.map((p) => [p.date, num(p.new_cases)]),
          barMaxWidth: 6,
          itemStyle: { color: '#e0a800' },
        },
        {
          name: t('card.active'),
          type: 'line',
          data: s.points.map((p) => [p.date, num(p.active)]),
          showSymbol: false,
          lineStyle: { width: 2 },
          itemStyle: { color: '#c2410c' },
        },
        {
          name: t('card.confirmed_cum'),
          type: 'line',
          yAxisIndex: 1,
          data: s.points.map((p) => [p.date, num(p.confirmed_cum)]),
          showSymbol: false,
          lineStyle: { width: 1.5, type: 'dashed' },
          itemStyle: { color: '#2f6fb0' },
        },
        ...(pubActive.length
          ? [
              {
                name: t('series.published'),
                type: 'line' as const,
                data: pubActive.map((r) => [r.date, r.value]),
                showSymbol: true,
                symbolSize: 7,
                lineStyle: { opacity: 0 },
                itemStyle: { color: '#0b6b3a' },
              },
            ]
          : []),
      ],
    };
  }, [s, pubActive, t]);

  const last = s?.points.slice(-14).reverse() ?? [];
  return (
    <section className="card" aria-labelledby="covid-series-title" id="covid-series">
      <h2 id="covid-series-title">{t('series.title')}</h2>
      <div className="covid-filters">
        <SelectField
          id="series-level"
          label={t('series.level')}
          value={level}
          onChange={(v) => setLevel(v as Level)}
          options={(['kota', 'kecamatan', 'kelurahan', 'rw'] as const).map((l) => ({ value: l, label: t(`level.${l}`) }))}
        />
        {level === 'kecamatan' && (
          <SelectField
            id="series-kec"
            label={t('level.kecamatan')}
            value={kec}
            onChange={setKec}
            options={kecs.data?.map((k) => ({ value: k.code, label: k.name }))}
          />
        )}
        {(level === 'kelurahan' || level === 'rw') && (
          <SelectField id="series-kel" label={t('level.kelurahan')} value={kel} onChange={setKel} options={kelurahanOptions(kels.data)} />
        )}
        {level === 'rw' && <SelectField id="series-rw" label={t('level.rw')} value={rw} onChange={setRw} options={rwOptions(rws.data)} />}
      </div>
      {series.error ? <ErrorNotice error={series.error} onRetry={series.reload} retryLabel={t('retry')} /> : null}
      {!s && !series.error && <Loading minHeight="320px" />}
      {s && option && (
        <>
          <p className="muted small">
            {s.name} · {fmt.date(s.from)} – {fmt.date(s.to)}{' '}
            {s.points.some((p) => p.demo) && <span className="badge badge-demo">{t('demo')}</span>}
          </p>
          <Chart option={option} height="clamp(300px, 70vw, 400px)" ariaLabel={t('series.aria', { name: s.name })} />
          <p className="muted small">{t('series.axes')}</p>
          {hidden && <p className="muted small">{t('series.hiddenSmall')}</p>}
          {s.points.length === 0 && <p className="notice notice-info">{t('series.empty')}</p>}
          <details className="table-details">
            <summary>{t('series.table')}</summary>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('col.date')}</th>
                  <th scope="col" className="num">
                    {t('card.new_cases')}
                  </th>
                  <th scope="col" className="num">
                    {t('card.active')}
                  </th>
                  <th scope="col" className="num">
                    {t('card.confirmed_cum')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {last.map((p) => (
                  <tr key={p.date}>
                    <td>
                      {fmt.date(p.date)} {p.demo && <span className="badge badge-demo badge-compact">{t('demo')}</span>}
                    </td>
                    <td className="num">
                      <CountText v={p.new_cases} />
                    </td>
                    <td className="num">
                      <CountText v={p.active} />
                    </td>
                    <td className="num">
                      <CountText v={p.confirmed_cum} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
      {published.data && published.data.rows.length > 0 && (
        <details className="table-details" id="covid-published">
          <summary>{t('published.title', { n: published.data.rows.length })}</summary>
          <p className="muted small">{t('published.note')}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('col.date')}</th>
                <th scope="col">{t('published.metric')}</th>
                <th scope="col" className="num">
                  {t('published.value')}
                </th>
                <th scope="col">{t('published.source')}</th>
              </tr>
            </thead>
            <tbody>
              {published.data.rows.map((r, i) => (
                <tr key={i}>
                  <td>{fmt.date(r.date)}</td>
                  <td>{r.metric}</td>
                  <td className="num">{fmt.number(r.value)}</td>
                  <td>
                    <a href={r.source_url} target="_blank" rel="noopener noreferrer">
                      {hostOf(r.source_url)}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}

function hostOf(u: string): string {
  try {
    return new URL(u).hostname.replace(/^www\./, '');
  } catch {
    return u;
  }
}
