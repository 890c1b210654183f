import { useEffect, useState } from 'react';
import { api } from '../../../api';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { useFormat } from '../../../i18n';
import { jakartaDay, rwLabel, type SlaResult } from '../data';
import { useWifiT, type WifiKey } from '../i18n';
import { CsvLink } from '../parts';
import { useKelurahanNames } from './names';

type By = 'kelurahan' | 'rw' | 'ap' | 'provider';
const BYS: By[] = ['kelurahan', 'rw', 'ap', 'provider'];
const PAGE = 100;

/** Uptime % per AP / RW / kelurahan / provider for a chosen month, lowest first. */
export function SlaSection() {
  const t = useWifiT();
  const fmt = useFormat();
  const names = useKelurahanNames();
  const [month, setMonth] = useState(() => jakartaDay().slice(0, 7));
  const [by, setBy] = useState<By>('kelurahan');
  const [res, setRes] = useState<SlaResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [limit, setLimit] = useState(PAGE);

  const query = `month=${month}&by=${by}`;
  useEffect(() => {
    if (!/^\d{4}-\d{2}$/.test(month)) return;
    const ac = new AbortController();
    setRes(null);
    setError(null);
    setLimit(PAGE);
    api<SlaResult>(`/api/wifi/sla?${query}`, { signal: ac.signal }).then(
      setRes,
      (e: unknown) => (e as Error).name !== 'AbortError' && setError(e),
    );
    return () => ac.abort();
  }, [query, month]);

  const rows = res ? [...res.rows].sort((a, b) => a.uptime_pct - b.uptime_pct || a.key.localeCompare(b.key)) : [];
  return (
    <section className="card" id="sla" aria-labelledby="sla-title">
      <div className="card-head">
        <h2 id="sla-title">{t('sla.title')}</h2>
        <CsvLink href={`/api/wifi/sla?${query}&format=csv`} />
      </div>
      <div className="wifi-tools">
        <div className="field">
          <label htmlFor="sla-month">{t('sla.month')}</label>
          <input id="sla-month" type="month" value={month} max={jakartaDay().slice(0, 7)} onChange={(e) => setMonth(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="sla-by">{t('sla.by')}</label>
          <select id="sla-by" value={by} onChange={(e) => setBy(e.target.value as By)}>
            {BYS.map((b) => (
              <option key={b} value={b}>
                {t(`sla.by.${b}` as WifiKey)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!res && !error && <Loading />}
      {res && (
        <>
          <p className="muted small">
            {t('sla.period', { from: fmt.dateTime(res.period_start), to: fmt.dateTime(res.period_end), s: res.heartbeat_interval_s })}{' '}
            {t('sla.sorted')}
          </p>
          {rows.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <div className="wifi-table-wrap">
              <table className="table wifi-table wifi-sla">
                <thead>
                  <tr>
                    <th scope="col">{t('sla.label')}</th>
                    <th scope="col" className="num">
                      {t('sla.aps')}
                    </th>
                    <th scope="col" className="num">
                      {t('sla.uptime')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.slice(0, limit).map((r) => (
                    <tr key={r.key}>
                      <th scope="row">
                        {by === 'rw' ? `${names.get(r.key.split('/')[0]) ?? r.key.split('/')[0]} ${rwLabel(r.key)}` : r.label}
                        {by === 'ap' && <span className="wifi-mono muted"> {r.key}</span>}
                      </th>
                      <td className="num">{fmt.number(r.aps)}</td>
                      <td className="num">
                        <span
                          className={`wifi-bar${r.uptime_pct < 95 ? ' low' : ''}`}
                          style={{ width: `${Math.max(2, r.uptime_pct * 0.6)}px` }}
                          aria-hidden="true"
                        />
                        {fmt.number(r.uptime_pct, 2)}%
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {rows.length > limit && (
            <p>
              <button type="button" className="btn btn-small btn-secondary" onClick={() => setLimit((l) => l + PAGE * 5)}>
                {t('more')} ({fmt.number(rows.length - limit)})
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
