import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../i18n';
import { Link } from '../../router';
import { useJson } from './data';
import { useCovidT } from './i18n';

interface Post {
  id: string;
  rw: string;
  parent_id: string | null;
  author: string;
  body: string | null;
  hidden: boolean;
  hidden_reason: string | null;
  created_at: string;
}

/** The KSC menus: announcements of the followed RW (+ Atom), emergency numbers, the RW forum. */
/** The RW forum: everyone reads; signed-in users post and reply; the RW's petugas hides with a reason. */
export default function Forum({ rw }: { rw: string }) {
  const t = useCovidT();
  const fmt = useFormat();
  const { user } = useAuth();
  const [version, setVersion] = useState(0);
  const posts = useJson<Post[]>(`/api/covid/forum?rw=${encodeURIComponent(rw)}`, version);
  const canModerate = !!user && (user.role === 'admin' || (user.role === 'petugas_rw' && user.scope === rw));
  const top = (posts.data ?? []).filter((p) => !p.parent_id);
  const replies = (id: string) => (posts.data ?? []).filter((p) => p.parent_id === id);
  const refresh = () => setVersion((v) => v + 1);

  return (
    <section className="card" aria-labelledby="forum-title" id="covid-forum">
      <h2 id="forum-title">{t('forum.title')}</h2>
      <p className="muted small">{t('forum.rules')}</p>
      {user ? (
        <PostForm rw={rw} onDone={refresh} />
      ) : (
        <p className="notice notice-info">
          {t('forum.signIn')} <Link to="/masuk">{t('forum.signInLink')}</Link>
        </p>
      )}
      {posts.error ? <ErrorNotice error={posts.error} onRetry={posts.reload} retryLabel={t('retry')} /> : null}
      {posts.data?.length === 0 && <p className="muted">{t('forum.empty')}</p>}
      <ul className="covid-posts">
        {top.map((p) => (
          <li key={p.id} data-post={p.id}>
            <PostView p={p} canModerate={canModerate} onDone={refresh} fmtDate={fmt.dateTime} />
            <ul className="covid-replies">
              {replies(p.id).map((r) => (
                <li key={r.id} data-post={r.id}>
                  <PostView p={r} canModerate={canModerate} onDone={refresh} fmtDate={fmt.dateTime} />
                </li>
              ))}
            </ul>
            {user && !p.hidden && <PostForm rw={rw} parent={p.id} onDone={refresh} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PostView({
  p,
  canModerate,
  onDone,
  fmtDate,
}: {
  p: Post;
  canModerate: boolean;
  onDone: () => void;
  fmtDate: (d: string) => string;
}) {
  const t = useCovidT();
  const [hiding, setHiding] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const hide = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api(`/api/covid/forum/${p.id}/hide`, { body: { reason } });
      setHiding(false);
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="covid-post">
      <p className="muted small">
        <strong>{p.author}</strong> · {fmtDate(p.created_at)}
      </p>
      {p.hidden ? (
        <p className="muted covid-hidden">{t('forum.hidden', { reason: p.hidden_reason ?? '' })}</p>
      ) : (
        <p className="covid-pre">{p.body}</p>
      )}
      {canModerate && !p.hidden && !hiding && (
        <button type="button" className="btn btn-secondary btn-small" onClick={() => setHiding(true)}>
          {t('forum.hide')}
        </button>
      )}
      {hiding && (
        <form onSubmit={hide} className="covid-inline-form">
          <div className="field">
            <label htmlFor={`hide-${p.id}`}>{t('forum.hideReason')}</label>
            <input id={`hide-${p.id}`} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={300} />
          </div>
          <button type="submit" className="btn btn-primary btn-small">
            {t('forum.hide')}
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setHiding(false)}>
            {t('cancel')}
          </button>
          {error ? <ErrorNotice error={error} /> : null}
        </form>
      )}
    </div>
  );
}

function PostForm({ rw, parent, onDone }: { rw: string; parent?: string; onDone: () => void }) {
  const t = useCovidT();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(!parent);
  useEffect(() => setError(null), [body]);
  if (!open)
    return (
      <button type="button" className="linklike small" onClick={() => setOpen(true)}>
        {t('forum.reply')}
      </button>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api('/api/covid/forum', { body: { rw, body, ...(parent ? { parent_id: parent } : {}) } });
      setBody('');
      if (parent) setOpen(false);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const id = `post-${parent ?? 'new'}`;
  return (
    <form onSubmit={submit} className="covid-inline-form">
      <div className="field">
        <label htmlFor={id}>{parent ? t('forum.replyLabel') : t('forum.newLabel')}</label>
        <textarea id={id} value={body} onChange={(e) => setBody(e.target.value)} maxLength={2000} rows={parent ? 2 : 3} required />
      </div>
      <button type="submit" className="btn btn-primary btn-small" disabled={busy || !body.trim()}>
        {parent ? t('forum.sendReply') : t('forum.send')}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}
