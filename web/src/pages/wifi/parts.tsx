import { STATE_COLOR, type HotspotState } from './data';
import { useWifiT } from './i18n';

/** A state dot with a shape per state too (not colour alone): ● working, ◐ partial, ✕ down, ? none. */
export function StateDot({ state }: { state: HotspotState }) {
  return <span className={`wifi-dot wifi-dot-${state}`} style={{ background: STATE_COLOR[state] }} aria-hidden="true" />;
}

/** The "Live" indicator of the SSE connection. */
export function LiveBadge({ connected }: { connected: boolean }) {
  const t = useWifiT();
  return (
    <span className={`wifi-live${connected ? ' on' : ''}`} title={t('live.title')} data-live={connected ? 'on' : 'off'} role="status">
      <span className="wifi-live-dot" aria-hidden="true" />
      {connected ? t('live.on') : t('live.off')}
    </span>
  );
}

/** "Unduh CSV": the same query as the table, from the API's ?format=csv. */
export function CsvLink({ href }: { href: string }) {
  const t = useWifiT();
  return (
    <a className="btn btn-small btn-secondary wifi-csv" href={href} download>
      {t('csv')}
    </a>
  );
}

/** PROBLEM / CRITICAL / UNKNOWN badge. */
export function HealthBadge({ health }: { health: string }) {
  return <span className={`badge wifi-health wifi-health-${health.toLowerCase()}`}>{health}</span>;
}
