import { useMemo, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useFormat, useLang } from '../../i18n';
import { CountText, kelurahanOptions, SelectField, ZoneBadge } from './bits';
import {
  downloadText,
  kelurahanOf,
  readFollowed,
  toCsv,
  useJson,
  type Cell,
  type Kelurahan,
  type MapLevel,
  type Table,
  type Zone,
} from './data';
import { useCovidT, type CovidKey } from './i18n';

const TEXT_COLS = new Set(['code', 'name', 'kecamatan', 'kelurahan', 'zone']);

function compare(a: Cell, b: Cell): number {
  // "1–4" sorts between 0 and 5; empty cells last.
  const v = (x: Cell) => (x === null ? null : x === '1–4' ? 2.5 : x);
  const x = v(a);
  const y = v(b);
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y), 'id');
}

/** Sortable table per level; "Unduh CSV" saves exactly the rows shown, in the order shown. */
export default function TableSection({ date, version }: { date: string; version: number }) {
  const t = useCovidT();
  const fmt = useFormat();
  const { lang } = useLang();
  const followed = readFollowed();
  const [level, setLevel] = useState<MapLevel>('kelurahan');
  const [kel, setKel] = useState(followed ? kelurahanOf(followed) : '32.76.01.1006');
  const [sort, setSort] = useState<{ col: string; desc: boolean }>({ col: 'active', desc: true });
  const table = useJson<Table>(`/api/covid/table?level=${level}&date=${date}`, version);
  const kels = useJson<Kelurahan[]>(level === 'rw' ? '/api/wilayah/kelurahan' : null);

  const data = table.data;
  const rows = useMemo(() => {
    if (!data) return [];
    const base = data.level === 'rw' ? data.rows.filter((r) => String(r.code).startsWith(`${kel}/`)) : data.rows;
    const out = [...base].sort((a, b) => compare(a[sort.col], b[sort.col]));
    return sort.desc ? out.reverse() : out;
  }, [data, kel, sort]);

  const download = () => {
    if (!data) return;
    const suffix = data.level === 'rw' ? `-${kel}` : '';
    downloadText(`covid-${data.level}-${data.date}${suffix}.csv`.replace(/[/]/g, '_'), toCsv(data.columns, rows));
  };

  const onSort = (col: string) => setSort((s) => (s.col === col ? { col, desc: !s.desc } : { col, desc: !TEXT_COLS.has(col) }));

  return (
    <section
      className="card"
      aria-labelledby="covid-table-title"
      id="covid-table"
      data-date={data?.date ?? ''}
      data-level={data?.level ?? ''}
    >
      <div className="card-head">
        <h2 id="covid-table-title">{t('table.title')}</h2>
        <p className="muted small">{t('map.dateShown', { date: fmt.date(date) })}</p>
      </div>
      <div className="covid-filters">
        <SelectField
          id="table-level"
          label={t('series.level')}
          value={level}
          onChange={(v) => setLevel(v as MapLevel)}
          options={(['kecamatan', 'kelurahan', 'rw'] as const).map((l) => ({ value: l, label: t(`level.${l}`) }))}
        />
        {level === 'rw' && (
          <SelectField id="table-kel" label={t('level.kelurahan')} value={kel} onChange={setKel} options={kelurahanOptions(kels.data)} />
        )}
        <div className="field covid-download">
          <button type="button" className="btn btn-secondary" onClick={download} disabled={!data || table.loading} id="covid-csv">
            {t('table.csv')}
          </button>
        </div>
      </div>
      {table.error ? <ErrorNotice error={table.error} onRetry={table.reload} retryLabel={t('retry')} /> : null}
      {!data && !table.error && <Loading minHeight="10rem" />}
      {data && (
        <>
          <p className="muted small">
            {t('table.count', { n: fmt.number(rows.length) })}
            {data.level === 'rw' && !data.exact && <> · {t('table.smallNote')}</>}
          </p>
          {data.population_source && (
            <p className="muted small covid-pop-source">
              {t('map.popSource')}: {lang === 'en' ? data.population_source.label_en : data.population_source.label_id}
            </p>
          )}
          <div className="covid-table-wrap" tabIndex={0} role="region" aria-label={t('table.title')}>
            <table className="table covid-table">
              <thead>
                <tr>
                  {data.columns
                    .filter((c) => c !== 'code')
                    .map((c) => (
                      <th
                        key={c}
                        scope="col"
                        className={TEXT_COLS.has(c) ? undefined : 'num'}
                        aria-sort={sort.col === c ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                      >
                        <button type="button" className="covid-sort" onClick={() => onSort(c)} data-col={c}>
                          {t(`col.${c}` as CovidKey)}
                          <span aria-hidden="true">{sort.col === c ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
                        </button>
                      </th>
                    ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={String(r.code)} data-code={String(r.code)}>
                    {data.columns
                      .filter((c) => c !== 'code')
                      .map((c) =>
                        c === 'zone' ? (
                          <td key={c}>
                            <ZoneBadge zone={r[c] as Zone | null} />
                          </td>
                        ) : c === 'per_10k' ? (
                          <td key={c} className="num">
                            {typeof r[c] === 'number' ? fmt.number(r[c], 2) : '–'}
                          </td>
                        ) : TEXT_COLS.has(c) ? (
                          <td key={c}>{r[c] ?? '–'}</td>
                        ) : (
                          <td key={c} className="num">
                            <CountText v={r[c] as number | '1–4' | null} />
                          </td>
                        ),
                      )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
