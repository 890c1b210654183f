import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useAuth, type User } from '../../auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../i18n';
import { Link } from '../../router';
import { todayJakarta, useJson, type Kelurahan } from './data';
import { kelurahanOptions, SelectField } from './bits';
import { useCovidT, type CovidKey } from './i18n';
import ReportForm from './ReportForm';
import { GROUPS, type Group, type Report } from './reports';

interface Missing {
  kelurahan: string;
  date: string;
  rw_total: number;
  reported: number;
  missing: { rw_code: string; number: string; officers: { display_name: string; email: string }[] }[];
}

const OFFICIAL_ROLES = ['petugas_rw', 'puskesmas', 'dinkes', 'admin'];

/** /covid/laporan: the RW officer's daily report; the puskesmas/dinkes queue and missing reports. */
export default function OfficialsPage() {
  const t = useCovidT();
  const { user } = useAuth();
  if (user === undefined) return <Loading />;
  if (!user)
    return (
      <section className="card">
        <h1>{t('off.title')}</h1>
        <p>{t('off.signIn')}</p>
        <Link to="/masuk" className="btn btn-primary">
          {t('off.signInLink')}
        </Link>
      </section>
    );
  if (!OFFICIAL_ROLES.includes(user.role))
    return (
      <section className="card">
        <h1>{t('off.title')}</h1>
        <p className="notice notice-info">{t('off.notOfficial')}</p>
      </section>
    );
  return (
    <>
      <section className="hero">
        <h1>{t('off.title')}</h1>
        <p className="lead">{t(user.role === 'petugas_rw' ? 'off.leadRw' : 'off.leadVerifier', { scope: user.scope ?? 'Kota Depok' })}</p>
      </section>
      {user.role === 'petugas_rw' && user.scope && /\/\d{3}$/.test(user.scope) && <ReportForm rw={user.scope} />}
      {user.role !== 'petugas_rw' && (
        <>
          <Queue />
          <MissingCard user={user} />
        </>
      )}
    </>
  );
}

function Queue() {
  const t = useCovidT();
  const fmt = useFormat();
  const [version, setVersion] = useState(0);
  const list = useJson<Report[]>('/api/covid/reports?status=submitted&limit=100', version);
  const kels = useJson<Kelurahan[]>('/api/wilayah/kelurahan');
  const kelName = (code: string) => kels.data?.find((k) => k.code === code)?.name ?? code;
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="queue-title" id="covid-queue">
      <h2 id="queue-title">{t('queue.title')}</h2>
      {message && (
        <p className="notice notice-info" role="status">
          {message}
        </p>
      )}
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} retryLabel={t('retry')} /> : null}
      {!list.data && !list.error && <Loading />}
      {list.data?.length === 0 && <p className="muted">{t('queue.empty')}</p>}
      <ul className="covid-posts">
        {list.data?.map((r) => (
          <QueueItem
            key={r.id}
            r={r}
            kelName={kelName(r.kelurahan_code)}
            fmtDate={fmt.date}
            onDone={(m) => {
              setMessage(m);
              setVersion((v) => v + 1);
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function QueueItem({
  r,
  kelName,
  onDone,
  fmtDate,
}: {
  r: Report;
  kelName: string;
  onDone: (m: string) => void;
  fmtDate: (d: string) => string;
}) {
  const t = useCovidT();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const rwName = `RW ${r.rw_code.split('/')[1]} ${kelName}`;
  const act = async (what: 'verify' | 'decline') => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/covid/reports/${r.id}/${what}`, what === 'decline' ? { body: { reason } } : { method: 'POST' });
      onDone(t(what === 'verify' ? 'queue.verified' : 'queue.declined', { rw: rwName, date: fmtDate(r.date) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const houses = r.rt.filter((x) => x.rumah_terkonfirmasi > 0);
  return (
    <li className="covid-queue-item" data-id={r.id} data-rw={r.rw_code}>
      <p>
        <strong>{rwName}</strong> · {fmtDate(r.date)} · {t('rep.revision', { n: r.revision })}
      </p>
      <dl className="facts">
        {(Object.keys(GROUPS) as Group[]).map((g) => (
          <div key={g}>
            <dt>{t(`grp.${g}` as CovidKey)}</dt>
            <dd className="small">{GROUPS[g].map((k) => `${t(`term.${k}` as CovidKey)} ${r[g][k]}`).join(' · ')}</dd>
          </div>
        ))}
        <div>
          <dt>{t('rep.rtTitle')}</dt>
          <dd className="small">
            {houses.length ? houses.map((x) => `RT ${x.rt}: ${x.rumah_terkonfirmasi}`).join(' · ') : t('queue.noHouses')}
          </dd>
        </div>
      </dl>
      {r.note && <p className="small covid-pre">{r.note}</p>}
      <div className="covid-actions">
        <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => void act('verify')}>
          {t('queue.verify')}
        </button>
        <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => setDeclining((d) => !d)}>
          {t('queue.decline')}
        </button>
      </div>
      {declining && (
        <form
          className="covid-inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void act('decline');
          }}
        >
          <div className="field">
            <label htmlFor={`decline-${r.id}`}>{t('queue.reason')}</label>
            <input id={`decline-${r.id}`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </div>
          <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
            {t('queue.sendDecline')}
          </button>
        </form>
      )}
      {error ? <ErrorNotice error={error} /> : null}
    </li>
  );
}

function MissingCard({ user }: { user: User }) {
  const t = useCovidT();
  const fmt = useFormat();
  const kels = useJson<Kelurahan[]>('/api/wilayah/kelurahan');
  const scope = user.role === 'admin' ? '32.76' : (user.scope ?? '32.76');
  const mineKels = (kels.data ?? []).filter(
    (k) => k.code === scope || k.code.startsWith(`${scope}.`) || scope === '32.76' || scope.startsWith(`${k.code}`),
  );
  const [kel, setKel] = useState('');
  const [date, setDate] = useState(todayJakarta);
  useEffect(() => {
    if (!kel && mineKels.length) setKel(mineKels[0].code);
  }, [kel, mineKels]);
  const missing = useJson<Missing>(kel ? `/api/covid/missing?kelurahan=${kel}&date=${date}` : null);
  const m = missing.data;
  return (
    <section className="card" aria-labelledby="missing-title" id="covid-missing">
      <h2 id="missing-title">{t('missing.title')}</h2>
      <div className="covid-filters">
        <SelectField id="missing-kel" label={t('level.kelurahan')} value={kel} onChange={setKel} options={kelurahanOptions(mineKels)} />
        <div className="field">
          <label htmlFor="missing-date">{t('rep.date')}</label>
          <input id="missing-date" type="date" value={date} max={todayJakarta()} onChange={(e) => setDate(e.target.value)} />
        </div>
      </div>
      {missing.error ? <ErrorNotice error={missing.error} onRetry={missing.reload} retryLabel={t('retry')} /> : null}
      {m && (
        <>
          <p>
            {t('missing.count', { reported: fmt.number(m.reported), total: fmt.number(m.rw_total), missing: fmt.number(m.missing.length) })}
          </p>
          <ul className="covid-missing-list">
            {m.missing.map((x) => (
              <li key={x.rw_code}>
                <strong>RW {x.number}</strong>{' '}
                {x.officers.length ? (
                  x.officers.map((o) => (
                    <span key={o.email} className="small">
                      · {o.display_name} <a href={`mailto:${o.email}`}>{o.email}</a>
                    </span>
                  ))
                ) : (
                  <span className="muted small">· {t('missing.noOfficer')}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
