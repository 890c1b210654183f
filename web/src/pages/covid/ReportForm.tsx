import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../i18n';
import { todayJakarta, useJson, type Rw } from './data';
import { useCovidT, type CovidKey } from './i18n';
import { GROUPS, emptyFigures, type Group, type Report } from './reports';

/** The RW officer's daily report: grouped case terms, houses per RT, API messages next to fields. */
export default function ReportForm({ rw }: { rw: string }) {
  const t = useCovidT();
  const fmt = useFormat();
  const [date, setDate] = useState(todayJakarta);
  const [vals, setVals] = useState<Record<string, string>>({});
  const [rtVals, setRtVals] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<Report | null>(null);
  const [version, setVersion] = useState(0);
  const kel = rw.split('/')[0];
  const rws = useJson<Rw[]>(`/api/wilayah/rw?kelurahan=${kel}`);
  const mine = useJson<Report[]>(`/api/covid/reports?limit=20`, version);
  const existing = mine.data?.find((r) => r.rw_code === rw && r.date === date) ?? null;
  const rtCount = rws.data?.find((r) => r.code === rw)?.rt_count ?? 0;
  const rts = useMemo(
    () => (existing?.rt.length ? existing.rt.map((x) => x.rt) : Array.from({ length: rtCount }, (_, i) => String(i + 1).padStart(3, '0'))),
    [existing, rtCount],
  );

  // Prefill from the existing report of that date (edit), else empty.
  useEffect(() => {
    const f = existing ?? emptyFigures();
    const v: Record<string, string> = {};
    for (const g of Object.keys(GROUPS) as Group[]) for (const k of GROUPS[g]) v[`${g}.${k}`] = existing ? String(f[g][k] ?? 0) : '';
    setVals(v);
    setRtVals(Object.fromEntries((existing?.rt ?? []).map((x) => [x.rt, String(x.rumah_terkonfirmasi)])));
    setNote(existing?.note ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [existing?.id, existing?.updated_at, date]);

  const details = error instanceof ApiError ? error.details : [];
  const fieldError = (path: string) => details.filter((d) => (d.path ?? '').replace(/^body\./, '') === path).map((d) => d.message);
  const rtError = (i: number) => [...fieldError(`rt.${i}.rt`), ...fieldError(`rt.${i}.rumah_terkonfirmasi`)];
  const otherErrors = details.filter((d) => {
    const p = (d.path ?? '').replace(/^body\./, '');
    return !(p in vals) && !/^rt\.\d+\./.test(p) && p !== 'date' && p !== 'note';
  });

  const send = async (submit: boolean) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    const body: Record<string, unknown> = { rw_code: rw, date, submit };
    for (const g of Object.keys(GROUPS) as Group[]) {
      const o: Record<string, number> = {};
      for (const k of GROUPS[g]) {
        const s = (vals[`${g}.${k}`] ?? '').trim();
        o[k] = s === '' ? 0 : Number(s);
      }
      body[g] = o;
    }
    body.rt = rts.map((rt) => ({ rt, rumah_terkonfirmasi: (rtVals[rt] ?? '').trim() === '' ? 0 : Number(rtVals[rt]) }));
    if (note.trim()) body.note = note.trim();
    try {
      const r = await api<Report>('/api/covid/reports', { body });
      setSaved(r);
      setVersion((v) => v + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void send(submitter?.value === 'submit');
  };

  return (
    <>
      <section className="card" aria-labelledby="report-title" id="covid-report">
        <h2 id="report-title">{t('rep.title', { rw: `RW ${rw.split('/')[1]}` })}</h2>
        <p className="muted small">{t('rep.hint')}</p>
        {existing && (
          <p className={`notice small covid-status covid-status-${existing.status}`} data-status={existing.status}>
            {t('rep.existing', { status: t(`status.${existing.status}` as CovidKey), rev: existing.revision })}
            {existing.decline_reason && (
              <>
                {' '}
                <strong>{t('rep.declinedBecause', { reason: existing.decline_reason })}</strong>
              </>
            )}
          </p>
        )}
        <form className="form covid-report-form" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor="rep-date">{t('rep.date')}</label>
            <input id="rep-date" type="date" value={date} max={todayJakarta()} onChange={(e) => setDate(e.target.value)} />
            <FieldErrors messages={fieldError('date')} />
          </div>
          {(Object.keys(GROUPS) as Group[]).map((g) => (
            <fieldset key={g} className="covid-group">
              <legend>{t(`grp.${g}` as CovidKey)}</legend>
              <div className="covid-grid">
                {GROUPS[g].map((k) => {
                  const id = `f-${g}-${k}`;
                  const errs = fieldError(`${g}.${k}`);
                  return (
                    <div className="field" key={k}>
                      <label htmlFor={id}>{t(`term.${k}` as CovidKey)}</label>
                      <input
                        id={id}
                        type="number"
                        inputMode="numeric"
                        value={vals[`${g}.${k}`] ?? ''}
                        placeholder="0"
                        aria-invalid={errs.length > 0}
                        aria-describedby={errs.length ? `${id}-err` : undefined}
                        onChange={(e) => setVals((v) => ({ ...v, [`${g}.${k}`]: e.target.value }))}
                      />
                      <FieldErrors id={`${id}-err`} messages={errs} />
                    </div>
                  );
                })}
              </div>
            </fieldset>
          ))}
          <fieldset className="covid-group">
            <legend>{t('rep.rtTitle')}</legend>
            <p className="muted small">{t('rep.rtHint')}</p>
            <div className="covid-grid covid-grid-rt">
              {rts.map((rt, i) => {
                const id = `f-rt-${rt}`;
                const errs = rtError(i);
                return (
                  <div className="field" key={rt}>
                    <label htmlFor={id}>RT {rt}</label>
                    <input
                      id={id}
                      type="number"
                      inputMode="numeric"
                      value={rtVals[rt] ?? ''}
                      placeholder="0"
                      aria-invalid={errs.length > 0}
                      onChange={(e) => setRtVals((v) => ({ ...v, [rt]: e.target.value }))}
                    />
                    <FieldErrors messages={errs} />
                  </div>
                );
              })}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor="rep-note">{t('rep.note')}</label>
            <textarea id="rep-note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
            <FieldErrors messages={fieldError('note')} />
          </div>
          {error ? <ErrorNotice error={error} /> : null}
          {otherErrors.length > 0 && <FieldErrors messages={otherErrors.map((d) => `${d.path ?? ''}: ${d.message}`)} />}
          <div className="covid-actions">
            <button type="submit" name="action" value="draft" className="btn btn-secondary" disabled={busy}>
              {t('rep.saveDraft')}
            </button>
            <button type="submit" name="action" value="submit" className="btn btn-primary" disabled={busy} id="rep-submit">
              {t('rep.submit')}
            </button>
          </div>
        </form>
        {saved && (
          <div className="notice notice-info covid-saved" role="status" data-status={saved.status} data-id={saved.id}>
            <strong>{t(saved.status === 'submitted' ? 'rep.sent' : 'rep.savedDraft')}</strong>{' '}
            {t('rep.derived', { active: fmt.number(saved.derived.active), cum: fmt.number(saved.derived.confirmed_cum) })}
            {saved.warnings && saved.warnings.length > 0 && (
              <div className="covid-warnings">
                <strong>{t('rep.warnings')}</strong>
                <ul>
                  {saved.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        )}
      </section>
      <ReportList reports={mine.data} loading={mine.loading} title={t('rep.mine')} />
    </>
  );
}

function FieldErrors({ messages, id }: { messages: string[]; id?: string }) {
  if (!messages.length) return null;
  return (
    <ul className="covid-field-errors" id={id} role="alert">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

function ReportList({ reports, loading, title }: { reports: Report[] | null; loading: boolean; title: string }) {
  const t = useCovidT();
  const fmt = useFormat();
  if (!reports) return loading ? <Loading /> : null;
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {reports.length === 0 && <p className="muted">{t('rep.none')}</p>}
      <ul className="covid-posts">
        {reports.map((r) => (
          <li key={r.id}>
            <strong>{fmt.date(r.date)}</strong> · RW {r.rw_code.split('/')[1]} ·{' '}
            <span className={`covid-status-chip covid-status-${r.status}`}>{t(`status.${r.status}` as CovidKey)}</span> · {t('card.active')}{' '}
            {fmt.number(r.derived.active)}
            {r.decline_reason && <div className="small">{t('rep.declinedBecause', { reason: r.decline_reason })}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
