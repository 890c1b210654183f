import { lazy, Suspense } from 'react';
import { Loading } from '../../components/Loading';
import type { ModulePageProps } from '../../modules';
import { Link } from '../../router';
import Dashboard from './Dashboard';
import { useCovidT } from './i18n';
import './covid.css';

// /covid and its sub-pages. The dashboard is in this chunk (it is what most people open); the
// map and chart inside it are lazy, and so are the other sub-pages.
const FieldsPage = lazy(() => import('./FieldsPage'));
const InfoPage = lazy(() => import('./InfoPage'));
const OfficialsPage = lazy(() => import('./OfficialsPage'));

const TABS = [
  { path: '/covid', key: 'tab.dashboard' },
  { path: '/covid/info', key: 'tab.info' },
  { path: '/covid/keterangan', key: 'tab.fields' },
  { path: '/covid/laporan', key: 'tab.officials' },
] as const;

export default function CovidPage({ path }: ModulePageProps) {
  const t = useCovidT();
  const sub = TABS.find((x) => x.path === path)?.path ?? (path.startsWith('/covid/laporan') ? '/covid/laporan' : '/covid');
  return (
    <div className="page covid">
      <nav className="covid-tabs" aria-label={t('tab.label')}>
        {TABS.map((x) => (
          <Link
            key={x.path}
            to={x.path}
            className={x.path === sub ? 'active' : undefined}
            aria-current={x.path === sub ? 'page' : undefined}
          >
            {t(x.key)}
          </Link>
        ))}
      </nav>
      <Suspense fallback={<Loading minHeight="40vh" />}>
        {sub === '/covid' && <Dashboard />}
        {sub === '/covid/info' && <InfoPage />}
        {sub === '/covid/keterangan' && <FieldsPage />}
        {sub === '/covid/laporan' && <OfficialsPage />}
      </Suspense>
    </div>
  );
}
