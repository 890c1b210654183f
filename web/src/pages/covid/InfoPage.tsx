import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useFormat, useLang } from '../../i18n';
import { kelurahanOf, readFollowed, useJson, writeFollowed, type Kelurahan, type Rw } from './data';
import { kelurahanOptions, rwOptions, SelectField } from './bits';
import ForumSection from './ForumSection';
import { useCovidT } from './i18n';

interface Announcement {
  id: string;
  audience: string;
  title: string;
  body: string;
  author: string;
  created_at: string;
}
interface Emergency {
  kelurahan: { code: string; name: string; kecamatan_name: string } | null;
  numbers: { number: string; label_id: string; label_en: string }[];
  puskesmas: { name: string; type: string; address: string | null; phone: string | null }[];
}
export default function InfoPage() {
  const t = useCovidT();
  const [rw, setRw] = useState<string | null>(readFollowed);
  const follow = (code: string | null) => {
    writeFollowed(code);
    setRw(code);
  };
  return (
    <>
      <section className="hero">
        <h1>{t('info.title')}</h1>
        <p className="lead">{t('info.lead')}</p>
      </section>
      <FollowPicker rw={rw} onFollow={follow} />
      <Announcements audience={rw ?? '32.76'} />
      <EmergencyCard kelurahan={rw ? kelurahanOf(rw) : null} />
      {rw ? <ForumSection rw={rw} /> : <p className="notice notice-info">{t('forum.pickFirst')}</p>}
    </>
  );
}

function FollowPicker({ rw, onFollow }: { rw: string | null; onFollow: (c: string | null) => void }) {
  const t = useCovidT();
  const [editing, setEditing] = useState(!rw);
  const [kel, setKel] = useState(rw ? kelurahanOf(rw) : '');
  const [pick, setPick] = useState(rw ?? '');
  const kels = useJson<Kelurahan[]>('/api/wilayah/kelurahan');
  const rws = useJson<Rw[]>(kel ? `/api/wilayah/rw?kelurahan=${kel}` : null);
  const name = (code: string) => {
    const k = kels.data?.find((x) => x.code === kelurahanOf(code));
    return `RW ${code.split('/')[1]} · ${k ? `${k.name}, ${k.kecamatan_name}` : kelurahanOf(code)}`;
  };
  if (rw && !editing)
    return (
      <section className="card covid-follow" id="covid-follow" data-rw={rw}>
        <p>
          {t('follow.following')} <strong>{name(rw)}</strong>
        </p>
        <div className="covid-actions">
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing(true)}>
            {t('follow.change')}
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => onFollow(null)}>
            {t('follow.stop')}
          </button>
        </div>
      </section>
    );
  return (
    <section className="card covid-follow" id="covid-follow" aria-labelledby="follow-title">
      <h2 id="follow-title">{t('follow.title')}</h2>
      <p className="muted small">{t('follow.hint')}</p>
      <form
        className="covid-filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (pick) {
            onFollow(pick);
            setEditing(false);
          }
        }}
      >
        <SelectField
          id="follow-kel"
          label={t('level.kelurahan')}
          value={kel}
          onChange={(v) => {
            setKel(v);
            setPick('');
          }}
          placeholder={t('follow.pickKel')}
          options={kelurahanOptions(kels.data)}
        />
        <SelectField
          id="follow-rw"
          label={t('level.rw')}
          value={pick}
          onChange={setPick}
          placeholder={t('follow.pickRw')}
          options={rwOptions(rws.data)}
          disabled={!rws.data}
        />
        <div className="field covid-download">
          <button type="submit" className="btn btn-primary" disabled={!pick}>
            {t('follow.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function Announcements({ audience }: { audience: string }) {
  const t = useCovidT();
  const fmt = useFormat();
  const list = useJson<Announcement[]>(`/api/covid/announcements?audience=${encodeURIComponent(audience)}&limit=20`);
  const atom = `/api/covid/announcements.atom?audience=${encodeURIComponent(audience)}`;
  return (
    <section className="card" aria-labelledby="ann-title" id="covid-announcements">
      <div className="card-head">
        <h2 id="ann-title">{t('ann.title')}</h2>
        <a href={atom} className="small" type="application/atom+xml">
          {t('ann.atom')}
        </a>
      </div>
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} retryLabel={t('retry')} /> : null}
      {!list.data && !list.error && <Loading />}
      {list.data?.length === 0 && <p className="muted">{t('ann.none')}</p>}
      <ul className="covid-posts">
        {list.data?.map((a) => (
          <li key={a.id}>
            <h3>{a.title}</h3>
            <p className="muted small">
              {a.author} · {fmt.dateTime(a.created_at)} · {t('ann.for', { audience: a.audience })}
            </p>
            <p className="covid-pre">{a.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function EmergencyCard({ kelurahan }: { kelurahan: string | null }) {
  const t = useCovidT();
  const { lang } = useLang();
  const e = useJson<Emergency>(`/api/covid/emergency${kelurahan ? `?kelurahan=${kelurahan}` : ''}`);
  return (
    <section className="card" aria-labelledby="emg-title" id="covid-emergency">
      <h2 id="emg-title">{t('emg.title')}</h2>
      {e.error ? <ErrorNotice error={e.error} /> : null}
      {e.data && (
        <>
          <ul className="covid-numbers">
            {e.data.numbers.map((n) => (
              <li key={n.number}>
                <a className="btn btn-primary" href={`tel:${n.number}`}>
                  {n.number}
                </a>{' '}
                {lang === 'en' ? n.label_en : n.label_id}
              </li>
            ))}
          </ul>
          {e.data.kelurahan ? (
            <>
              <h3>{t('emg.puskesmas', { kec: e.data.kelurahan.kecamatan_name })}</h3>
              {e.data.puskesmas.length === 0 && <p className="muted">{t('emg.noPuskesmas')}</p>}
              <ul className="covid-posts">
                {e.data.puskesmas.map((p) => (
                  <li key={p.name}>
                    <strong>{p.name}</strong>
                    {p.address && <div className="small">{p.address}</div>}
                    {p.phone && (
                      <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`} className="small">
                        {p.phone}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
              <p className="muted small">{t('emg.sourceNote')}</p>
            </>
          ) : (
            <p className="muted small">{t('emg.pickRw')}</p>
          )}
        </>
      )}
    </section>
  );
}
