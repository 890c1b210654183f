import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { DemoBadge } from '../../components/DemoBadge';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../i18n';
import { rwLabel, type HotspotDetails } from './data';
import { useWifiT, type WifiKey } from './i18n';
import { StateDot } from './parts';

/** Details of one point: SSID, hours, category, address, state (re-fetched when `version` changes). */
export function HotspotPanel({
  id,
  version,
  onClose,
  onZoom,
}: {
  id: number;
  version: number;
  onClose(): void;
  onZoom(d: HotspotDetails): void;
}) {
  const t = useWifiT();
  const fmt = useFormat();
  const [d, setD] = useState<HotspotDetails | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    const ac = new AbortController();
    setError(null);
    api<HotspotDetails>(`/api/wifi/hotspots/${id}`, { signal: ac.signal }).then(
      setD,
      (e: unknown) => (e as Error).name !== 'AbortError' && setError(e),
    );
    return () => ac.abort();
  }, [id, version]);

  // Bring the panel into view on a phone (it sits under the map).
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [id]);

  const cur = d && d.id === id ? d : null;
  const up = cur ? cur.access_points.filter((a) => a.state === 'up').length : 0;

  return (
    <section ref={ref} className="kel-panel wifi-panel" aria-live="polite" aria-labelledby="wifi-panel-title" data-id={id}>
      <div className="kel-panel-head">
        <h3 id="wifi-panel-title">
          {cur ? cur.name : '…'} {cur?.is_demo && <DemoBadge />}
        </h3>
        <button type="button" className="icon-btn" aria-label={t('detail.close')} onClick={onClose}>
          ×
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!cur && !error && <Loading />}
      {cur && (
        <>
          <p className="wifi-panel-state" data-state={cur.state}>
            <StateDot state={cur.state} /> <strong>{t(`state.${cur.state}`)}</strong>{' '}
            <span className="muted small">{t('detail.since', { time: fmt.dateTime(cur.state_since) })}</span>
            {cur.access_points.length > 0 && <span className="muted small"> · {t('detail.aps', { up, n: cur.access_points.length })}</span>}
          </p>
          <dl className="facts">
            <div>
              <dt>{t('detail.ssid')}</dt>
              <dd className="wifi-ssid">{cur.ssids.join(', ') || '—'}</dd>
            </div>
            <div>
              <dt>{t('detail.hours')}</dt>
              <dd>{cur.opening_hours ?? t('detail.hoursUnknown')}</dd>
            </div>
            <div>
              <dt>{t('detail.category')}</dt>
              <dd>{t(`cat.${cur.category}` as WifiKey)}</dd>
            </div>
            <div>
              <dt>{t('detail.area')}</dt>
              <dd>
                {cur.kelurahan_name ?? cur.kelurahan_code} · {rwLabel(cur.rw_code)}
              </dd>
            </div>
            {cur.address && (
              <div>
                <dt>{t('detail.address')}</dt>
                <dd>{cur.address}</dd>
              </div>
            )}
            {cur.provider && (
              <div>
                <dt>{t('detail.provider')}</dt>
                <dd>{cur.provider}</dd>
              </div>
            )}
          </dl>
          {(cur.notes || cur.location_note) && (
            <p className="muted small wifi-note">
              {t('detail.note')}: {[cur.notes, cur.location_note].filter(Boolean).join(' · ')}
            </p>
          )}
          <button type="button" className="btn btn-small btn-secondary" onClick={() => onZoom(cur)}>
            {t('detail.zoom')}
          </button>
        </>
      )}
    </section>
  );
}
