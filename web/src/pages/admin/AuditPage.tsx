import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useLang } from '../../i18n';
import { useAdminT } from './i18n';
import { formatTime, type AdminUser, type AuditItem, type AuditPage as Page } from './shared';

const PAGE = 25;

/** Log audit: newest first, filter by entity, keyset "muat lagi"; each entry's before/after on demand. */
export default function AuditPage() {
  const t = useAdminT();
  const [entity, setEntity] = useState('');
  const [applied, setApplied] = useState('');
  const [items, setItems] = useState<AuditItem[]>([]);
  const [before, setBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const actors = useActorEmails(items);

  const load = useCallback(
    async (after: number | null, signal?: AbortSignal) => {
      setLoading(true);
      setError(null);
      const p = new URLSearchParams({ limit: String(PAGE) });
      if (applied) p.set('entity', applied);
      if (after) p.set('before', String(after));
      try {
        const page = await api<Page>(`/api/audit?${p}`, { signal });
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setBefore(page.next_before);
      } catch (err) {
        if ((err as Error).name !== 'AbortError') setError(err);
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [applied],
  );

  useEffect(() => {
    const ac = new AbortController();
    void load(null, ac.signal);
    return () => ac.abort();
  }, [load]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setApplied(entity.trim());
  };

  return (
    <>
      <header>
        <h1>{t('audit.title')}</h1>
        <p className="lead">{t('audit.intro')}</p>
      </header>
      <form className="admin-filters" onSubmit={apply} role="search">
        <div className="field">
          <label htmlFor="audit-entity">{t('audit.entity')}</label>
          <input
            id="audit-entity"
            list="audit-entities"
            value={entity}
            placeholder={t('audit.entityPlaceholder')}
            spellCheck={false}
            onChange={(e) => setEntity(e.target.value)}
          />
          <datalist id="audit-entities">
            {[...new Set(items.map((i) => i.entity))].map((x) => (
              <option key={x} value={x} />
            ))}
          </datalist>
        </div>
        <button type="submit" className="btn btn-secondary">
          {t('audit.apply')}
        </button>
      </form>
      {error != null && <ErrorNotice error={error} onRetry={() => void load(null)} />}
      {!loading && !error && items.length === 0 && <p className="muted">{t('audit.none')}</p>}
      <ol className="audit-list">
        {items.map((i) => (
          <AuditEntry key={i.id} item={i} actor={i.actor_id ? actors[i.actor_id] : undefined} />
        ))}
      </ol>
      {loading ? (
        <Loading />
      ) : (
        before && (
          <button type="button" className="btn btn-secondary admin-more" onClick={() => void load(before)}>
            {t('audit.more')}
          </button>
        )
      )}
    </>
  );
}

function AuditEntry({ item, actor }: { item: AuditItem; actor?: string }) {
  const t = useAdminT();
  const { lang } = useLang();
  const who = item.actor_id ? (actor ?? `${item.actor_id.slice(0, 8)}…`) : t('audit.system');
  return (
    <li className="card audit-entry" data-action={item.action} data-entity={item.entity} data-entity-id={item.entity_id}>
      <div className="audit-head">
        <span className={`badge audit-action audit-${item.action}`}>{item.action}</span>
        <code className="audit-entity">{item.entity}</code>
        <time dateTime={item.at} className="small muted">
          {formatTime(item.at, lang)}
        </time>
      </div>
      <p className="small audit-who">
        {t('audit.who')}: <strong>{who}</strong>
        {item.actor_role && <span className="muted"> ({item.actor_role})</span>} · <code className="audit-id">{item.entity_id}</code>
      </p>
      <details className="audit-json">
        <summary>{t('audit.details')}</summary>
        <div className="audit-diff">
          <Json label={t('audit.before')} value={item.before} />
          <Json label={t('audit.after')} value={item.after} />
        </div>
        {item.request_id && <small className="muted">{t('audit.request', { id: item.request_id })}</small>}
      </details>
    </li>
  );
}

function Json({ label, value }: { label: string; value: unknown }) {
  const t = useAdminT();
  return (
    <div>
      <strong className="small">{label}</strong>
      <pre>{value == null ? t('audit.empty') : JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

/** Emails of the actors on screen (one GET /api/users/:id per distinct actor, remembered). */
function useActorEmails(items: AuditItem[]): Record<string, string> {
  const [emails, setEmails] = useState<Record<string, string>>({});
  const ids = [...new Set(items.map((i) => i.actor_id).filter((x): x is string => !!x))].filter((id) => !(id in emails));
  const key = ids.join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    void Promise.all(
      key.split(',').map(async (id) => {
        try {
          return [id, (await api<AdminUser>(`/api/users/${id}`)).email] as const;
        } catch {
          // A deleted or unknown actor keeps its short id.
          return [id, `${id.slice(0, 8)}…`] as const;
        }
      }),
    ).then((pairs) => {
      if (live) setEmails((prev) => ({ ...prev, ...Object.fromEntries(pairs) }));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return emails;
}
