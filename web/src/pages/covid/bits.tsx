import { useFormat } from '../../i18n';
import { ZONE_COLOURS, type Count, type Zone, type ZoneCounts } from './data';
import { useCovidT } from './i18n';

/** A public count: a number, or "1–4" exactly as the API gives small RW counts. */
export function CountText({ v }: { v: Count | null | undefined }) {
  const fmt = useFormat();
  const t = useCovidT();
  if (v === null || v === undefined) return <span className="muted">–</span>;
  if (typeof v === 'string')
    return (
      <span className="covid-small-count" title={t('smallCount.hint')}>
        {v}
      </span>
    );
  return <>{fmt.number(v)}</>;
}

export function ZoneBadge({ zone }: { zone: Zone | null | undefined }) {
  const t = useCovidT();
  if (!zone) return <span className="covid-zone covid-zone-none">{t('zone.none')}</span>;
  return (
    <span className={`covid-zone covid-zone-${zone}`} style={{ background: ZONE_COLOURS[zone] }}>
      {t(`zone.${zone}`)}
    </span>
  );
}

export function ZoneChips({ zones }: { zones: ZoneCounts }) {
  const t = useCovidT();
  const fmt = useFormat();
  return (
    <ul className="covid-zone-chips">
      {(['hijau', 'kuning', 'oranye', 'merah'] as const).map((z) => (
        <li key={z}>
          <span className="swatch" style={{ background: ZONE_COLOURS[z] }} aria-hidden="true" /> {t(`zone.${z}`)}: <strong>{fmt.number(zones[z])}</strong> RT
        </li>
      ))}
    </ul>
  );
}
