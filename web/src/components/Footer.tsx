import { useT } from '../i18n';
import { Link } from '../router';

export function Footer() {
  const t = useT();
  return (
    <footer className="footer">
      <p>
        <strong>{t('app.name')}</strong> — {t('footer.about')}
      </p>
      <p className="footer-links">
        <Link to="/data">{t('footer.sources')}</Link>
        <a href="/api/docs">{t('footer.api')}</a>
      </p>
    </footer>
  );
}
