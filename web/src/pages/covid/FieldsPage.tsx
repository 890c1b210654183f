import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useFormat, useLang } from '../../i18n';
import { useJson, type Field, type Published } from './data';
import { useCovidT } from './i18n';

interface Rule {
  id: string;
  regulation: string;
  effective_from: string;
  kuning_max: number;
  oranye_max: number;
  note: string | null;
}

/** /covid/keterangan: what every figure means, the zoning rules and where the history comes from. */
export default function FieldsPage() {
  const t = useCovidT();
  const fmt = useFormat();
  const { lang } = useLang();
  const fields = useJson<{ fields: Field[] }>('/api/covid/fields');
  const rules = useJson<Rule[]>('/api/covid/zoning-rules');
  const published = useJson<Published>('/api/covid/published?level=kota');
  return (
    <>
      <section className="hero">
        <h1>{t('fields.title')}</h1>
        <p className="lead">{t('fields.lead')}</p>
      </section>
      <section className="card" aria-labelledby="fields-list-title">
        <h2 id="fields-list-title">{t('fields.figures')}</h2>
        {fields.error ? <ErrorNotice error={fields.error} onRetry={fields.reload} retryLabel={t('retry')} /> : null}
        {!fields.data && !fields.error && <Loading />}
        {fields.data && (
          <dl className="covid-fields">
            {fields.data.fields.map((f) => (
              <div key={f.id} id={`field-${f.id}`}>
                <dt>
                  {lang === 'en' ? f.label_en : f.label_id} <code className="muted small">{f.id}</code>
                  {f.unit && <span className="muted small"> · {f.unit}</span>}
                </dt>
                <dd>{lang === 'en' ? f.text_en : f.text_id}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <section className="card" aria-labelledby="fields-rules-title">
        <h2 id="fields-rules-title">{t('fields.rules')}</h2>
        <p className="muted small">{t('fields.rulesNote')}</p>
        {rules.data && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('fields.regulation')}</th>
                <th scope="col">{t('fields.from')}</th>
                <th scope="col">{t('zone.hijau')}</th>
                <th scope="col">{t('zone.kuning')}</th>
                <th scope="col">{t('zone.oranye')}</th>
                <th scope="col">{t('zone.merah')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.data.map((r) => (
                <tr key={r.id}>
                  <td>{r.regulation}</td>
                  <td>{fmt.date(r.effective_from)}</td>
                  <td>0</td>
                  <td>1–{r.kuning_max}</td>
                  <td>
                    {r.kuning_max + 1}–{r.oranye_max}
                  </td>
                  <td>&gt; {r.oranye_max}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="fields-sources-title">
        <h2 id="fields-sources-title">{t('fields.sources')}</h2>
        <p>{t('fields.sourcesNote')}</p>
        {published.data && (
          <>
            <p className="muted small">{published.data.label}</p>
            <ul className="covid-sources">
              {published.data.sources.map((u) => (
                <li key={u}>
                  <a href={u} target="_blank" rel="noopener noreferrer">
                    {u}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
        <p>
          <a href="/api/covid/table?level=kelurahan&format=csv">{t('fields.csvLink')}</a> ·{' '}
          <a href="/api/covid/table?level=kelurahan">{t('fields.jsonLink')}</a> · <a href="/api/docs">{t('fields.apiLink')}</a>
        </p>
      </section>
    </>
  );
}
