import { ApiError } from '../api';
import { useT } from '../i18n';
import type { MessageKey } from '../i18n/id';

const TITLED = new Set([
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'rate_limited',
  'unavailable',
  'network',
]);

interface Props {
  error: unknown;
  /** Overrides the heading (e.g. "Could not sign in"). */
  title?: string;
  /** Overrides the explanation (e.g. a translated "wrong password"). */
  message?: string;
  onRetry?: () => void;
  retryLabel?: string;
}

/** An error that explains itself: what failed, the server's reason, field details and the request id. */
export function ErrorNotice({ error, title, message, onRetry, retryLabel }: Props) {
  const t = useT();
  const e = error instanceof ApiError ? error : null;
  const code = e?.code ?? 'generic';
  const heading = title ?? t((TITLED.has(code) ? `error.title.${code}` : 'error.title.generic') as MessageKey);
  const text = message ?? (code === 'network' ? t('error.network') : ((error as Error)?.message ?? String(error)));
  return (
    <div className="notice notice-error" role="alert">
      <strong className="notice-title">{heading}</strong>
      <p>{text}</p>
      {e && e.details.length > 0 && (
        <ul className="notice-details">
          {e.details.map((d, i) => (
            <li key={i}>
              {d.path ? <code>{d.path}</code> : null} {d.message}
            </li>
          ))}
        </ul>
      )}
      {e?.requestId && <small className="muted">{t('error.requestId', { id: e.requestId })}</small>}
      {onRetry && (
        <p>
          <button type="button" className="btn btn-secondary" onClick={onRetry}>
            {retryLabel ?? t('common.retry')}
          </button>
        </p>
      )}
    </div>
  );
}
