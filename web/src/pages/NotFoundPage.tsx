import { useEffect } from 'react';
import { useT } from '../i18n';
import { Link, useLocation } from '../router';

export default function NotFoundPage() {
  const t = useT();
  const { path } = useLocation();
  useEffect(() => {
    document.title = `${t('notFound.title')} · ${t('app.name')}`;
  }, [t]);
  return (
    <div className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text', { path })}</p>
      <Link to="/" className="btn btn-primary">
        {t('notFound.home')}
      </Link>
    </div>
  );
}
