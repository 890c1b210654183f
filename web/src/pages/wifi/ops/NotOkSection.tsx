import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { useFormat } from '../../../i18n';
import { formatDuration, rwLabel, useNow, type NotOkAp } from '../data';
import { useWifiT } from '../i18n';
import { CsvLink, HealthBadge } from '../parts';
import { useKelurahanNames } from './names';

const PAGE = 25;

/** Live list of APs not OK, with how long they have been down (ticking every second). */
export function NotOkSection({ version }: { version: number }) {
  const t = useWifiT();
  const fmt = useFormat();
  const names = useKelurahanNames();
  const now = useNow(1000);
  const [includeUnknown, setIncludeUnknown] = useState(false);
  const [rows, setRows] = useState<NotOkAp[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [limit, setLimit] = useState(PAGE);
  const known = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());

  const query = `include_unknown=${includeUnknown}`;
  useEffect(() => {
    const ac = new AbortController();
    api<NotOkAp[]>(`/api/wifi/ops/aps-not-ok?${query}`, { signal: ac.signal }).then(
      (r) => {
        // Rows that appeared since the last load flash once, so a live change is noticed.
        const before = known.current;
        setFresh(before ? new Set(r.filter((x) => !before.has(x.mac)).map((x) => x.mac)) : new Set());
        known.current = new Set(r.map((x) => x.mac));
        setRows(r);
        setError(null);
      },
      (e: unknown) => (e as Error).name !== 'AbortError' && setError(e),
    );
    return () => ac.abort();
  }, [query, version]);

  return (
    <section className="card" id="notok" aria-labelledby="notok-title">
      <div className="card-head">
        <h2 id="notok-title">{t('notok.title')}</h2>
        <CsvLink href={`/api/wifi/ops/aps-not-ok?${query}&format=csv`} />
      </div>
      <div className="wifi-tools">
        <label className="wifi-check">
          <input
            type="checkbox"
            checked={includeUnknown}
            onChange={(e) => {
              known.current = null;
              setIncludeUnknown(e.target.checked);
            }}
          />{' '}
          {t('notok.includeUnknown')}
        </label>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!rows && !error && <Loading />}
      {rows && (
        <>
          <p className="wifi-summary" aria-live="polite" data-count={rows.length}>
            {rows.length ? t('notok.summary', { n: fmt.number(rows.length) }) : t('notok.none')}
          </p>
          {rows.length > 0 && (
            <div className="wifi-table-wrap">
              <table className="table wifi-table wifi-stack wifi-notok">
                <thead>
                  <tr>
                    <th scope="col">{t('notok.place')}</th>
                    <th scope="col">{t('notok.health')}</th>
                    <th scope="col">{t('notok.reason')}</th>
                    <th scope="col" className="num">
                      {t('notok.duration')}
                    </th>
                    <th scope="col">{t('notok.area')}</th>
                    <th scope="col">{t('notok.lastSeen')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.slice(0, limit).map((r) => (
                    <tr key={r.mac} data-mac={r.mac} className={fresh.has(r.mac) ? 'new' : undefined}>
                      <td className="wifi-cell-title">
                        {r.hotspot_name}
                        <br />
                        <span className="wifi-mono muted">{r.mac}</span>
                      </td>
                      <td data-label={t('notok.health')}>
                        <HealthBadge health={r.health} />
                      </td>
                      <td data-label={t('notok.reason')}>{r.reason ?? '—'}</td>
                      {/* How long it has been down: from when the AP went silent / stopped serving (down_since), not from when the check noticed. */}
                      <td
                        data-label={t('notok.duration')}
                        className="num wifi-duration"
                        data-down-since={r.down_since ?? ''}
                        title={r.down_since ? t('notok.downSince', { time: fmt.dateTime(r.down_since) }) : undefined}
                      >
                        {r.down_since ? formatDuration((now - Date.parse(r.down_since)) / 1000) : '—'}
                      </td>
                      <td data-label={t('notok.area')}>
                        {names.get(r.kelurahan_code) ?? r.kelurahan_code} · {rwLabel(r.rw_code)}
                      </td>
                      <td data-label={t('notok.lastSeen')}>{r.last_seen_at ? fmt.dateTime(r.last_seen_at) : t('notok.never')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {rows.length > limit && (
            <button type="button" className="btn btn-small btn-secondary" onClick={() => setLimit((l) => l + PAGE * 4)}>
              {t('more')} ({fmt.number(rows.length - limit)})
            </button>
          )}
        </>
      )}
    </section>
  );
}
