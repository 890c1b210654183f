import { useCallback, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { WhenVisible } from '../../components/WhenVisible';
import { useFormat, useLang } from '../../i18n';
import { Link } from '../../router';
import { DEMO_END, dayIndex, todayJakarta, useCovidLive, useJson, type Kecamatan, type Summary } from './data';
import { CountText, ZoneChips } from './bits';
import { useCovidT, type CovidKey } from './i18n';
import MapSection from './MapSection';
import SeriesSection from './SeriesSection';
import TableSection from './TableSection';

/** The public information center: summary cards, map with time slider, series, table. */
export default function Dashboard() {
  const t = useCovidT();
  const fmt = useFormat();
  const live = useCovidLive();
  const summary = useJson<Summary>('/api/covid/summary', live.version);
  // The date of the map and table; null follows the latest verified date (live updates move it).
  const [picked, setPicked] = useState<string | null>(null);
  const s = summary.data;
  const date = picked ?? s?.latest_date ?? null;
  const latest = s?.latest_date;
  // Back at the latest date → follow it again (a live update moves the map to the new day).
  const onDate = useCallback((d: string) => setPicked(d === latest ? null : d), [latest]);

  return (
    <>
      <section className="hero">
        <h1>{t('dash.title')}</h1>
        <p className="lead">{t('dash.lead')}</p>
      </section>
      <p className="covid-live muted small" role="status" data-live-version={live.version}>
        {live.at ? t('live.updated', { time: fmt.dateTime(live.at) }) : live.connected ? t('live.on') : ''}
      </p>

      {summary.error && !s ? <ErrorNotice error={summary.error} onRetry={summary.reload} retryLabel={t('retry')} /> : null}
      {!s && !summary.error && <Loading minHeight="12rem" />}
      {s && <SummarySection s={s} />}

      {date && s && <MapSection latest={s.latest_date} date={date} onDate={onDate} version={live.version} />}

      <WhenVisible minHeight="380px" rootMargin="200px">
        <SeriesSection version={live.version} />
      </WhenVisible>

      {date && <TableSection date={date} version={live.version} />}

      <section className="card" aria-labelledby="covid-fresh-title">
        <h2 id="covid-fresh-title">{t('fresh.title')}</h2>
        <ul className="list">
          <li>{t('fresh.verifiedOnly')}</li>
          <li>{t('fresh.demo', { end: fmt.date(DEMO_END) })}</li>
          <li>{t('fresh.published')}</li>
          <li>{t('fresh.small')}</li>
          <li>{t('fresh.live')}</li>
        </ul>
        <p>
          <Link to="/covid/keterangan">{t('fresh.fieldsLink')}</Link>
        </p>
      </section>
    </>
  );
}

const CARD_ORDER = [
  'active',
  'new_cases',
  'confirmed_cum',
  'recovered_cum',
  'deceased_cum',
  'suspek_active',
  'probable_active',
  'kontak_active',
];

function SummarySection({ s }: { s: Summary }) {
  const t = useCovidT();
  const fmt = useFormat();
  const { lang } = useLang();
  const behind = dayIndex(todayJakarta(), s.latest_date);
  // Total RWs of the city (sum over kecamatan) to say honestly when a day's city figures are partial.
  const kecs = useJson<(Kecamatan & { rw_count: number })[]>('/api/wilayah/kecamatan');
  const totalRw = kecs.data?.reduce((a, k) => a + k.rw_count, 0) ?? 0;
  const cards = [...s.cards].sort((a, b) => CARD_ORDER.indexOf(a.id) - CARD_ORDER.indexOf(b.id));
  return (
    <section className="card" aria-labelledby="covid-summary-title" id="covid-summary" data-date={s.date}>
      <div className="card-head">
        <h2 id="covid-summary-title">
          {t('summary.title', { name: s.name })} {s.demo && <span className="badge badge-demo">{t('demo')}</span>}
        </h2>
        <p className="muted small covid-asof">
          {t('summary.asOf', { date: fmt.date(s.date) })} · {t('summary.updated', { time: fmt.dateTime(s.data_as_of) })}
        </p>
      </div>
      {s.demo && <p className="notice notice-demo small">{t('summary.demoNote')}</p>}
      {behind > 1 && (
        <p className="notice notice-info small covid-stale">
          {t('summary.stale', { date: fmt.date(s.latest_date), days: fmt.number(behind) })}
        </p>
      )}
      {s.level === 'kota' && totalRw > 0 && s.rw_reported < totalRw && (
        <p className="notice notice-info small covid-partial">
          {t('summary.partial', { n: fmt.number(s.rw_reported), total: fmt.number(totalRw) })}
        </p>
      )}
      <ul className="covid-cards">
        {cards.map((c) => (
          <li key={c.id} className={`covid-card covid-card-${c.id}`} data-id={c.id}>
            <span className="covid-card-label">{t(`card.${c.id}` as CovidKey)}</span>
            <strong className="covid-card-value">
              <CountText v={c.value} />
            </strong>
            <span className="covid-card-change small">
              {c.change === null
                ? t('summary.noChange')
                : c.change === 0
                  ? t('summary.same')
                  : t(c.change > 0 ? 'summary.up' : 'summary.down', { n: fmt.number(Math.abs(c.change)) })}
            </span>
            {c.id === 'active' && typeof s.per_10k === 'number' && s.population_source && (
              <span
                className="covid-card-rate small muted"
                title={lang === 'en' ? s.population_source.label_en : s.population_source.label_id}
              >
                {fmt.number(s.per_10k, 2)} {t('map.per10kShort')}
              </span>
            )}
          </li>
        ))}
      </ul>
      {s.rt_zones && s.rule && (
        <div className="covid-zones">
          <p className="small">
            {t('summary.rtZones')} <span className="muted">({t('summary.rule', { rule: s.rule.regulation })})</span>
          </p>
          <ZoneChips zones={s.rt_zones} />
        </div>
      )}
      <p className="muted small">{t('summary.rwReported', { n: fmt.number(s.rw_reported) })}</p>
    </section>
  );
}
