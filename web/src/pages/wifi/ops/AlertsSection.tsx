import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../../api';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { useFormat } from '../../../i18n';
import { formatDuration, rwLabel, useNow, type Alert } from '../data';
import { useWifiT } from '../i18n';
import { CsvLink, HealthBadge } from '../parts';
import { useKelurahanNames } from './names';

type Status = 'all' | 'open' | 'closed';
const LIMIT = 20;

/** Alert history (newest first, paged) with acknowledge + note. */
export function AlertsSection({ version }: { version: number }) {
  const t = useWifiT();
  const fmt = useFormat();
  const names = useKelurahanNames();
  const now = useNow(1000);
  const [status, setStatus] = useState<Status>('all');
  const [items, setItems] = useState<Alert[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [acking, setAcking] = useState<number | null>(null);

  // A live change reloads the first page (older pages do not change order).
  useEffect(() => {
    const ac = new AbortController();
    api<{ items: Alert[]; next_before: number | null }>(`/api/wifi/alerts?status=${status}&limit=${LIMIT}`, { signal: ac.signal }).then(
      (r) => {
        setItems(r.items);
        setNext(r.next_before);
        setError(null);
      },
      (e: unknown) => (e as Error).name !== 'AbortError' && setError(e),
    );
    return () => ac.abort();
  }, [status, version]);

  async function more() {
    if (next === null) return;
    try {
      const r = await api<{ items: Alert[]; next_before: number | null }>(
        `/api/wifi/alerts?status=${status}&limit=${LIMIT}&before=${next}`,
      );
      setItems((cur) => [...(cur ?? []), ...r.items]);
      setNext(r.next_before);
    } catch (e) {
      setError(e);
    }
  }

  const replace = (a: Alert) => setItems((cur) => cur && cur.map((x) => (x.id === a.id ? a : x)));

  return (
    <section className="card" id="alerts" aria-labelledby="alerts-title">
      <div className="card-head">
        <h2 id="alerts-title">{t('alerts.title')}</h2>
        <CsvLink href={`/api/wifi/alerts?status=${status}&format=csv`} />
      </div>
      <div className="wifi-tools">
        <div className="field">
          <label htmlFor="alerts-status">{t('alerts.status')}</label>
          <select id="alerts-status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            <option value="all">{t('alerts.all')}</option>
            <option value="open">{t('alerts.open')}</option>
            <option value="closed">{t('alerts.closed')}</option>
          </select>
        </div>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p>{t('alerts.none')}</p>}
      {items && items.length > 0 && (
        <ul className="wifi-list wifi-alerts">
          {items.map((a) => (
            <li key={a.id} className={`wifi-alert-card ${a.ended_at ? 'closed' : 'open'}`} data-alert={a.id} data-mac={a.mac}>
              <div className="wifi-alert-head">
                <HealthBadge health={a.severity} />
                <strong>{a.hotspot_name}</strong>
                <span className="wifi-mono muted">{a.mac}</span>
              </div>
              <span className="wifi-alert-meta small">
                {a.reason} · {names.get(a.kelurahan_code) ?? a.kelurahan_code} {rwLabel(a.rw_code)}
              </span>
              <span className="wifi-alert-meta small muted">
                {t('alerts.started')} {fmt.dateTime(a.started_at)}{' '}
                <span className="wifi-detected" title={t('alerts.detectedHelp')}>
                  ({t('alerts.detected')} {fmt.dateTime(a.detected_at)})
                </span>{' '}
                · {a.ended_at ? `${t('alerts.ended')} ${fmt.dateTime(a.ended_at)}` : t('alerts.ongoing')} ·{' '}
                <span className="wifi-duration">{formatDuration(a.ended_at ? a.duration_s : (now - Date.parse(a.started_at)) / 1000)}</span>
              </span>
              {a.acknowledged_at ? (
                <span className="wifi-alert-meta small wifi-acked">
                  ✓ {t('alerts.acked', { by: a.acknowledged_by ?? '—', time: fmt.dateTime(a.acknowledged_at) })}
                  {a.ack_note ? ` — “${a.ack_note}”` : ''}
                </span>
              ) : acking === a.id ? (
                <AckForm alert={a} onDone={(x) => (replace(x), setAcking(null))} onCancel={() => setAcking(null)} />
              ) : (
                <div>
                  <button type="button" className="btn btn-small btn-secondary" onClick={() => setAcking(a.id)}>
                    {t('alerts.ack')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {next !== null && (
        <p>
          <button type="button" className="btn btn-small btn-secondary" onClick={more}>
            {t('more')}
          </button>
        </p>
      )}
    </section>
  );
}

function AckForm({ alert, onDone, onCancel }: { alert: Alert; onDone(a: Alert): void; onCancel(): void }) {
  const t = useWifiT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = `ack-note-${alert.id}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await api<Alert>(`/api/wifi/alerts/${alert.id}/ack`, { body: note.trim() ? { note: note.trim() } : {} }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="wifi-ack" onSubmit={submit}>
      <label htmlFor={id} className="small">
        {t('alerts.note')}
      </label>
      <textarea
        id={id}
        value={note}
        maxLength={1000}
        placeholder={t('alerts.notePlaceholder')}
        onChange={(e) => setNote(e.target.value)}
        autoFocus
      />
      {error ? <ErrorNotice error={error} /> : null}
      <div className="wifi-ack-row">
        <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
          {t('alerts.save')}
        </button>
        <button type="button" className="btn btn-small btn-secondary" onClick={onCancel}>
          {t('alerts.cancel')}
        </button>
      </div>
    </form>
  );
}
