import { useEffect, useMemo, useState } from 'react';
import { api } from '../../../api';
import { Chart, type ChartOption } from '../../../components/chart';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { WhenVisible } from '../../../components/WhenVisible';
import { useFormat } from '../../../i18n';
import { jakartaDay, type UsageRow } from '../data';
import { useWifiT } from '../i18n';
import { CsvLink } from '../parts';
import { useKelurahanNames } from './names';

const GB = 1e9;
const TOP_KELURAHAN = 15;

interface Agg {
  aps: number;
  clientsW: number;
  schoolW: number;
  max: number;
  bytes: number;
  schoolBytes: number;
}
const empty = (): Agg => ({ aps: 0, clientsW: 0, schoolW: 0, max: 0, bytes: 0, schoolBytes: 0 });
function add(a: Agg, r: UsageRow) {
  // Means per reporting AP, weighted by APs so a city total is not skewed by small kelurahan.
  a.aps += r.aps;
  a.clientsW += r.clients_avg * r.aps;
  a.schoolW += r.school_clients_avg * r.aps;
  a.max = Math.max(a.max, r.clients_max);
  a.bytes += r.rx_bytes + r.tx_bytes;
  a.schoolBytes += r.school_rx_bytes + r.school_tx_bytes;
}
const avg = (w: number, n: number) => (n ? Math.round((w / n) * 100) / 100 : 0);

/** Clients and traffic per day, and in school hours per kelurahan (the PJJ use), with charts. */
export function UsageSection() {
  const t = useWifiT();
  const fmt = useFormat();
  const names = useKelurahanNames();
  const [from, setFrom] = useState(() => jakartaDay(-13));
  const [to, setTo] = useState(() => jakartaDay());
  const [kel, setKel] = useState('');
  const [rows, setRows] = useState<UsageRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [showTable, setShowTable] = useState(false);

  const query = `from=${from}&to=${to}${kel ? `&kelurahan=${kel}` : ''}`;
  useEffect(() => {
    if (!from || !to) return;
    const ac = new AbortController();
    setError(null);
    api<UsageRow[]>(`/api/wifi/usage?${query}`, { signal: ac.signal }).then(
      setRows,
      (e: unknown) => (e as Error).name !== 'AbortError' && setError(e),
    );
    return () => ac.abort();
  }, [query, from, to]);

  const { days, kels } = useMemo(() => {
    const d = new Map<string, Agg>();
    const k = new Map<string, Agg>();
    for (const r of rows ?? []) {
      add(d.get(r.day) ?? d.set(r.day, empty()).get(r.day)!, r);
      add(k.get(r.kelurahan_code) ?? k.set(r.kelurahan_code, empty()).get(r.kelurahan_code)!, r);
    }
    return {
      days: [...d.entries()].sort(([a], [b]) => a.localeCompare(b)),
      kels: [...k.entries()].sort(([, a], [, b]) => avg(b.schoolW, b.aps) - avg(a.schoolW, a.aps)),
    };
  }, [rows]);

  const dayLabel = (d: string) => d.slice(5).replace('-', '/');
  // School hours are Monday–Friday: a weekend has no school-hours figure (a gap), not a zero.
  const weekend = (d: string) => [0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay());
  const perDay = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemGap: 24 },
      grid: { left: 12, right: 16, top: 44, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: days.map(([d]) => dayLabel(d)) },
      yAxis: { type: 'value' },
      series: [
        { type: 'line', name: t('usage.clientsAvg'), data: days.map(([, a]) => avg(a.clientsW, a.aps)), symbolSize: 6 },
        {
          type: 'line',
          name: t('usage.schoolAvg'),
          data: days.map(([d, a]) => (weekend(d) ? null : avg(a.schoolW, a.aps))),
          symbolSize: 6,
        },
      ],
    }),
    [days, t],
  );
  const traffic = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemGap: 24 },
      grid: { left: 12, right: 16, top: 44, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: days.map(([d]) => dayLabel(d)) },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: t('usage.traffic'), data: days.map(([, a]) => Math.round((a.bytes / GB) * 10) / 10) },
        {
          type: 'bar',
          name: t('usage.schoolTraffic'),
          data: days.map(([d, a]) => (weekend(d) ? null : Math.round((a.schoolBytes / GB) * 10) / 10)),
        },
      ],
    }),
    [days, t],
  );
  const top = kels.slice(0, TOP_KELURAHAN).reverse();
  const school = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 24, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: top.map(([c]) => names.get(c) ?? c), axisLabel: { fontSize: 11 } },
      series: [{ type: 'bar', name: t('usage.schoolAvg'), data: top.map(([, a]) => avg(a.schoolW, a.aps)), color: '#e0a800' }],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [kels, names, t],
  );

  return (
    <section className="card" id="usage" aria-labelledby="usage-title">
      <div className="card-head">
        <h2 id="usage-title">{t('usage.title')}</h2>
        <CsvLink href={`/api/wifi/usage?${query}&format=csv`} />
      </div>
      <div className="wifi-tools">
        <div className="field">
          <label htmlFor="usage-from">{t('usage.from')}</label>
          <input id="usage-from" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="usage-to">{t('usage.to')}</label>
          <input id="usage-to" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="usage-kel">{t('usage.kelurahan')}</label>
          <select id="usage-kel" value={kel} onChange={(e) => setKel(e.target.value)}>
            <option value="">{t('usage.allKelurahan')}</option>
            {[...names.entries()]
              .sort(([, a], [, b]) => a.localeCompare(b))
              .map(([c, n]) => (
                <option key={c} value={c}>
                  {n}
                </option>
              ))}
          </select>
        </div>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!rows && !error && <Loading />}
      {rows && rows.length === 0 && <p>{t('usage.none')}</p>}
      {rows && rows.length > 0 && (
        <>
          <div className="wifi-charts">
            <div>
              <h3>{t('usage.clientsChart')}</h3>
              <WhenVisible minHeight="280px">
                <Chart option={perDay} height="280px" ariaLabel={t('usage.clientsChart')} />
              </WhenVisible>
            </div>
            <div>
              <h3>{t('usage.trafficChart')}</h3>
              <WhenVisible minHeight="280px">
                <Chart option={traffic} height="280px" ariaLabel={t('usage.trafficChart')} />
              </WhenVisible>
            </div>
            <div className="wide">
              <h3>{t('usage.schoolChart')}</h3>
              <WhenVisible minHeight="360px">
                <Chart option={school} height={`${Math.max(200, top.length * 24 + 40)}px`} ariaLabel={t('usage.schoolChart')} />
              </WhenVisible>
            </div>
          </div>
          <details className="table-details" onToggle={(e) => setShowTable(e.currentTarget.open)}>
            <summary>{t('usage.table')}</summary>
            {showTable && (
              <div className="wifi-table-wrap">
                <table className="table wifi-table wifi-usage">
                  <thead>
                    <tr>
                      <th scope="col">{t('usage.kelurahan')}</th>
                      <th scope="col" className="num">
                        {t('usage.clientsAvg')}
                      </th>
                      <th scope="col" className="num">
                        {t('usage.schoolAvg')}
                      </th>
                      <th scope="col" className="num">
                        {t('usage.clientsMax')}
                      </th>
                      <th scope="col" className="num">
                        {t('usage.traffic')}
                      </th>
                      <th scope="col" className="num">
                        {t('usage.schoolTraffic')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {kels.map(([c, a]) => (
                      <tr key={c}>
                        <th scope="row">{names.get(c) ?? c}</th>
                        <td className="num">{fmt.number(avg(a.clientsW, a.aps), 2)}</td>
                        <td className="num">{fmt.number(avg(a.schoolW, a.aps), 2)}</td>
                        <td className="num">{fmt.number(a.max)}</td>
                        <td className="num">{fmt.number(a.bytes / GB, 1)}</td>
                        <td className="num">{fmt.number(a.schoolBytes / GB, 1)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </details>
        </>
      )}
    </section>
  );
}
