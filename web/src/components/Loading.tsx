import { useT } from '../i18n';

/** A quiet loading line; `minHeight` reserves the space of what is coming (no layout shift). */
export function Loading({ label, minHeight }: { label?: string; minHeight?: number | string }) {
  const t = useT();
  return (
    <div className="loading" style={minHeight ? { minHeight } : undefined} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}
