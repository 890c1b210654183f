import { useT } from '../../i18n';
import type { KelurahanProps } from './types';

export type KelurahanGroups = ReadonlyArray<readonly [string, KelurahanProps[]]>;

/**
 * The kelurahan list under the map (keyboard and screen-reader access to the same details as a
 * tap). Not lazy: the loading state renders it too (disabled), so nothing moves when the map arrives.
 */
export function KelurahanPicker({
  groups,
  value,
  onPick,
  showHint,
}: {
  groups: KelurahanGroups;
  value: string;
  onPick?: (code: string) => void;
  showHint: boolean;
}) {
  const t = useT();
  return (
    <div className="field map-picker">
      <label htmlFor="kel-pick">{t('map.pick')}</label>
      <select id="kel-pick" value={value} disabled={!onPick} onChange={(e) => onPick?.(e.target.value)}>
        <option value="">{t('map.pickPlaceholder')}</option>
        {groups.map(([kec, ks]) => (
          <optgroup key={kec} label={`${t('map.kecamatan')} ${kec}`}>
            {ks.map((k) => (
              <option key={k.code} value={k.code}>
                {k.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {showHint && <p className="muted small">{t('map.hint')}</p>}
    </div>
  );
}

/** The default legend: what the two kinds of lines are. */
export function BoundaryLegend() {
  const t = useT();
  return (
    <ul className="legend" aria-label={t('map.legend')}>
      <li>
        <span className="swatch swatch-kec" aria-hidden="true" /> {t('map.legendKecamatan')}
      </li>
      <li>
        <span className="swatch swatch-kel" aria-hidden="true" /> {t('map.legendKelurahan')}
      </li>
    </ul>
  );
}
