import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../api';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { useFormat } from '../../../i18n';
import { useWifiT } from '../i18n';
import { CsvLink } from '../parts';

interface UnknownMac {
  mac: string;
  first_seen_at: string;
  last_seen_at: string;
  count: number;
  via: string;
}

/**
 * Telemetry from MACs not in the registry (spec: counted and listed, not silently dropped), with
 * what to do about each: register the AP, or dismiss it. Telemetry publishes no event of its own,
 * so the list reloads after each health evaluation (`version`) and on the reload button.
 */
export function UnknownMacsSection({ version }: { version: number }) {
  const t = useWifiT();
  const fmt = useFormat();
  const [rows, setRows] = useState<UnknownMac[] | null>(null);
  const [loadedAt, setLoadedAt] = useState<Date | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    api<UnknownMac[]>('/api/wifi/unknown-macs', { signal: ac.signal }).then(
      (r) => {
        setRows(r);
        setLoadedAt(new Date());
        setError(null);
      },
      (e: unknown) => (e as Error).name !== 'AbortError' && setError(e),
    );
    return () => ac.abort();
  }, [version, reload]);

  const dismiss = useCallback(async (mac: string) => {
    setBusy(true);
    setError(null);
    try {
      await api<void>(`/api/wifi/unknown-macs/${encodeURIComponent(mac)}`, { method: 'DELETE' });
      setRows((cur) => cur && cur.filter((x) => x.mac !== mac));
      setConfirming(null);
      setDone(mac);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);

  return (
    <section className="card" id="unknown" aria-labelledby="unknown-title">
      <div className="card-head">
        <h2 id="unknown-title">{t('unknown.title')}</h2>
        <div className="wifi-head-actions">
          <button type="button" className="btn btn-small btn-secondary" onClick={() => setReload((v) => v + 1)}>
            {t('unknown.refresh')}
          </button>
          <CsvLink href="/api/wifi/unknown-macs?format=csv" />
        </div>
      </div>
      <p className="small muted">{t('unknown.help')}</p>
      {error ? <ErrorNotice error={error} /> : null}
      {!rows && !error && <Loading />}
      {rows && (
        <>
          <p className="wifi-summary" aria-live="polite" data-count={rows.length}>
            {rows.length ? t('unknown.summary', { n: fmt.number(rows.length) }) : t('unknown.none')}
          </p>
          {done && (
            <p className="small" role="status">
              ✓ {t('unknown.dismissed', { mac: done })}
            </p>
          )}
          {rows.length > 0 && (
            <div className="wifi-table-wrap">
              <table className="table wifi-table wifi-stack wifi-unknown">
                <thead>
                  <tr>
                    <th scope="col">{t('unknown.mac')}</th>
                    <th scope="col" className="num">
                      {t('unknown.count')}
                    </th>
                    <th scope="col">{t('unknown.firstSeen')}</th>
                    <th scope="col">{t('unknown.lastSeen')}</th>
                    <th scope="col">{t('unknown.via')}</th>
                    <th scope="col">{t('unknown.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.mac} data-mac={r.mac}>
                      <td className="wifi-cell-title">
                        <span className="wifi-mono">{r.mac}</span>
                      </td>
                      <td data-label={t('unknown.count')} className="num wifi-unknown-count">
                        {fmt.number(r.count)}
                      </td>
                      <td data-label={t('unknown.firstSeen')}>{fmt.dateTime(r.first_seen_at)}</td>
                      <td data-label={t('unknown.lastSeen')}>{fmt.dateTime(r.last_seen_at)}</td>
                      <td data-label={t('unknown.via')}>{r.via}</td>
                      <td data-label={t('unknown.action')}>
                        {confirming === r.mac ? (
                          <div className="wifi-ack" role="group" aria-label={t('unknown.dismiss')}>
                            <span className="small">{t('unknown.confirm', { mac: r.mac })}</span>
                            <div className="wifi-ack-row">
                              <button
                                type="button"
                                className="btn btn-small btn-primary"
                                disabled={busy}
                                onClick={() => void dismiss(r.mac)}
                                autoFocus
                              >
                                {t('unknown.confirmYes')}
                              </button>
                              <button type="button" className="btn btn-small btn-secondary" onClick={() => setConfirming(null)}>
                                {t('unknown.cancel')}
                              </button>
                            </div>
                          </div>
                        ) : (
                          <button
                            type="button"
                            className="btn btn-small btn-secondary"
                            onClick={() => (setConfirming(r.mac), setDone(null))}
                          >
                            {t('unknown.dismiss')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {loadedAt && <p className="small muted">{t('unknown.updated', { time: fmt.dateTime(loadedAt) })}</p>}
        </>
      )}
    </section>
  );
}
