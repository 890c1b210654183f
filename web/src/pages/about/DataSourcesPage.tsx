import { useEffect } from 'react';
import { useT } from '../../i18n';

/** Where the data comes from, with the licence notices the MIT sources ask us to keep. */
export default function DataSourcesPage() {
  const t = useT();
  useEffect(() => {
    document.title = `${t('data.title')} · ${t('app.name')}`;
  }, [t]);
  return (
    <div className="page narrow">
      <h1>{t('data.title')}</h1>
      <p className="lead">{t('data.intro')}</p>
      <ul className="card list">
        <li>{t('data.codes')}</li>
        <li>{t('data.postal')}</li>
        <li>{t('data.boundaries')}</li>
        <li>{t('data.covid')}</li>
      </ul>
      <p>
        {t('data.api')} <a href="/api/docs">{t('data.apiDocs')}</a> · <a href="/openapi.json">openapi.json</a>
      </p>
    </div>
  );
}
