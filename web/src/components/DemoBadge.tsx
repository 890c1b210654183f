import { useT } from '../i18n';

/** Marks a demo account wherever its user is shown (spec: demo accounts visibly marked). */
export function DemoBadge({ compact = false }: { compact?: boolean }) {
  const t = useT();
  return (
    <span className={`badge badge-demo${compact ? ' badge-compact' : ''}`} title={t('auth.demoHint')}>
      <span className="badge-long">{t('auth.demo')}</span>
      {compact && (
        <span className="badge-short" aria-hidden="true">
          {t('auth.demoShort')}
        </span>
      )}
    </span>
  );
}
