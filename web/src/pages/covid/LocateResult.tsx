import { useEffect, useState } from 'react';
import { ApiError } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../i18n';
import { CountText, ZoneBadge } from './bits';
import { getJson, type LocateResult } from './data';
import { useCovidT } from './i18n';

/** "Cek lokasi saya" result: kelurahan, nearest RW, its zone and the active cases within the radius. */
export default function LocateResultView({ lat, lng, date }: { lat: number; lng: number; date: string }) {
  const t = useCovidT();
  const fmt = useFormat();
  const [res, setRes] = useState<{ data: LocateResult | null; error: unknown }>({ data: null, error: null });
  useEffect(() => {
    let alive = true;
    setRes({ data: null, error: null });
    getJson<LocateResult>(`/api/covid/locate?lat=${lat.toFixed(6)}&lng=${lng.toFixed(6)}&radius_km=2&date=${date}`).then(
      (data) => alive && setRes({ data, error: null }),
      (error: unknown) => alive && setRes({ data: null, error }),
    );
    return () => {
      alive = false;
    };
  }, [lat, lng, date]);
  if (res.error) {
    const outside = res.error instanceof ApiError && res.error.status === 404;
    return outside ? <p className="notice notice-info">{t('locate.outside')}</p> : <ErrorNotice error={res.error} />;
  }
  const d = res.data;
  if (!d) return <p className="muted">{t('loading')}</p>;
  return (
    <div
      className="covid-locate-result notice"
      id="covid-locate-result"
      data-kelurahan={d.kelurahan.code}
      data-rw={d.rw?.code ?? ''}
      aria-live="polite"
    >
      <dl className="facts">
        <div>
          <dt>{t('level.kelurahan')}</dt>
          <dd className="loc-kelurahan">{d.kelurahan.name}</dd>
        </div>
        <div>
          <dt>{t('level.kecamatan')}</dt>
          <dd>{d.kecamatan.name}</dd>
        </div>
        <div>
          <dt>{t('locate.nearestRw')}</dt>
          <dd className="loc-rw">{d.rw ? `RW ${d.rw.number} (${fmt.number(d.rw.distance_m)} m)` : '–'}</dd>
        </div>
        <div>
          <dt>{t('locate.zone')}</dt>
          <dd>
            <ZoneBadge zone={d.rw?.zone} />
          </dd>
        </div>
        <div>
          <dt>{t('locate.rwActive')}</dt>
          <dd>
            <CountText v={d.rw?.active} />
          </dd>
        </div>
        <div>
          <dt>{t('locate.nearbyActive', { km: d.radius_km })}</dt>
          <dd className="loc-nearby">
            <CountText v={d.nearby.active_total} /> <span className="muted small">({t('locate.rwCount', { n: d.nearby.rw_count })})</span>
          </dd>
        </div>
      </dl>
      <p className="muted small">{t('locate.asOf', { date: fmt.date(d.date) })}</p>
      {d.nearby.rws.length > 0 && (
        <details className="table-details">
          <summary>{t('locate.list')}</summary>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">RW</th>
                <th scope="col" className="num">
                  {t('locate.distance')}
                </th>
                <th scope="col">{t('locate.zone')}</th>
                <th scope="col" className="num">
                  {t('card.active')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.nearby.rws.slice(0, 30).map((r) => (
                <tr key={r.code}>
                  <td>{r.name}</td>
                  <td className="num">{fmt.number(r.distance_m)} m</td>
                  <td>
                    <ZoneBadge zone={r.zone} />
                  </td>
                  <td className="num">
                    <CountText v={r.active} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
