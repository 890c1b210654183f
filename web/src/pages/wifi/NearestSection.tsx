import { useEffect, useState } from 'react';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../i18n';
import type { Nearest } from './data';
import type { HotspotLayerController } from './HotspotLayer';
import { useWifiT, type WifiKey } from './i18n';
import { StateDot } from './parts';

interface Origin {
  lat: number;
  lng: number;
}

/** "Wi-Fi terdekat": from the browser's location or a point picked on the map, nearest first. */
export function NearestSection({ controller, onChoose }: { controller: HotspotLayerController; onChoose(n: Nearest): void }) {
  const t = useWifiT();
  const fmt = useFormat();
  const [origin, setOrigin] = useState<Origin | null>(null);
  const [onlyUp, setOnlyUp] = useState(false);
  const [nearest, setNearest] = useState<Nearest[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);

  useEffect(() => {
    if (!origin) return;
    const ac = new AbortController();
    setError(null);
    api<Nearest[]>(`/api/wifi/nearest?lat=${origin.lat.toFixed(6)}&lng=${origin.lng.toFixed(6)}&limit=5&only=${onlyUp ? 'up' : 'all'}`, {
      signal: ac.signal,
    }).then(
      (r) => {
        setNearest(r);
        controller.setUser(origin, t('near.you'));
        controller.fit([[origin.lat, origin.lng], ...r.map((n) => [n.lat, n.lng] as [number, number])]);
      },
      (e: unknown) => (e as Error).name !== 'AbortError' && setError(e),
    );
    return () => ac.abort();
  }, [origin, onlyUp, controller, t]);

  // Leaving the page (or the section) must not leave the map waiting for a pick.
  useEffect(() => () => controller.setPicking(null), [controller]);

  function locate() {
    setLocateError(null);
    if (!('geolocation' in navigator)) return setLocateError(t('near.denied', { reason: 'GPS' }));
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        setOrigin({ lat: p.coords.latitude, lng: p.coords.longitude });
      },
      (err) => {
        setLocating(false);
        setLocateError(t('near.denied', { reason: err.message || String(err.code) }));
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  }

  function togglePick() {
    if (picking) {
      setPicking(false);
      controller.setPicking(null);
      return;
    }
    setPicking(true);
    controller.setPicking((lat, lng) => {
      setPicking(false);
      setOrigin({ lat, lng });
    });
    document.getElementById('wifi-map')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  return (
    <section className="card wifi-near" aria-labelledby="wifi-near-title">
      <h2 id="wifi-near-title">{t('near.title')}</h2>
      <div className="wifi-near-actions">
        <button type="button" className="btn btn-primary" onClick={locate} disabled={locating}>
          {locating ? t('near.locating') : t('near.useLocation')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={togglePick} aria-pressed={picking}>
          {picking ? t('near.cancelPick') : t('near.pick')}
        </button>
        <label className="wifi-check">
          <input type="checkbox" checked={onlyUp} onChange={(e) => setOnlyUp(e.target.checked)} /> {t('near.onlyUp')}
        </label>
      </div>
      {picking && (
        // Fixed at the bottom of the screen, so it is seen next to the map wherever the page is scrolled.
        <p className="notice notice-info wifi-pick-hint" role="status">
          {t('near.picking')}{' '}
          <button type="button" className="btn btn-small btn-secondary" onClick={togglePick}>
            {t('near.cancelPick')}
          </button>
        </p>
      )}
      {locateError && <p className="notice notice-info">{locateError}</p>}
      {error ? <ErrorNotice error={error} /> : null}
      {origin && nearest && (
        <>
          <p className="muted small">
            {t('near.from', { lat: origin.lat.toFixed(5), lng: origin.lng.toFixed(5) })} · {t('near.straight')}
          </p>
          {nearest.length === 0 ? (
            <p>{t('near.none')}</p>
          ) : (
            <ol className="wifi-list wifi-nearest">
              {nearest.map((n) => (
                <li key={n.id}>
                  <button type="button" className="wifi-item" onClick={() => onChoose(n)}>
                    <StateDot state={n.state} />
                    <span className="wifi-item-main">
                      <strong>{n.name}</strong>
                      <span className="muted small">
                        {t(`cat.${n.category}` as WifiKey)} · {t(`state.${n.state}`)}
                      </span>
                      <span className="small">{t('near.walk', { m: fmt.number(n.walk_m), min: n.walk_min })}</span>
                    </span>
                    <span className="wifi-dist" data-m={n.distance_m}>
                      {t('near.distance', { m: fmt.number(n.distance_m) })}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
