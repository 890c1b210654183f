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
          <span className="swatch" style={{ background: ZONE_COLOURS[z] }} aria-hidden="true" /> {t(`zone.${z}`)}:{' '}
          <strong>{fmt.number(zones[z])}</strong> RT
        </li>
      ))}
    </ul>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** A labelled select in the filter rows (level, kecamatan, kelurahan, RW pickers share it). */
export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
  placeholder,
  disabled,
}: {
  id: string;
  label: string;
  value: string;
  options: SelectOption[] | undefined;
  onChange: (value: string) => void;
  /** An empty first option ("pick one…"). */
  placeholder?: string;
  disabled?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Options for kelurahan pickers: "Name (Kecamatan)", since two kelurahan are called Curug. */
export const kelurahanOptions = (
  list: { code: string; name: string; kecamatan_name: string }[] | null | undefined,
): SelectOption[] | undefined => list?.map((k) => ({ value: k.code, label: `${k.name} (${k.kecamatan_name})` }));

export const rwOptions = (list: { code: string; number: string }[] | null | undefined): SelectOption[] | undefined =>
  list?.map((r) => ({ value: r.code, label: `RW ${r.number}` }));
