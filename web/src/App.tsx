import { lazy, Suspense, useEffect, useRef, useState, type ComponentType } from 'react';
import { ChunkBoundary } from './components/ChunkBoundary';
import { Footer } from './components/Footer';
import { Loading } from './components/Loading';
import { Nav } from './components/Nav';
import { TopBar } from './components/TopBar';
import { useT } from './i18n';
import { WEB_MODULES } from './modules';
import { HomePage } from './pages/home/HomePage';
import { isUnder, useLocation } from './router';

// Every page except the home page is its own chunk, fetched when first opened.
const SignInPage = lazy(() => import('./pages/auth/SignInPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));
const DataSourcesPage = lazy(() => import('./pages/about/DataSourcesPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

const CORE: Record<string, ComponentType> = {
  '/': HomePage,
  '/masuk': SignInPage,
  '/login': SignInPage,
  '/akun': AccountPage,
  '/account': AccountPage,
  '/data': DataSourcesPage,
};

function Page({ path }: { path: string }) {
  const Core = CORE[path];
  if (Core) return <Core />;
  // A module page also handles access itself (it explains when sign-in or a role is needed).
  const m = WEB_MODULES.filter((x) => isUnder(path, x.path)).sort((a, b) => b.path.length - a.path.length)[0];
  if (m) return <m.page path={path} />;
  return <NotFoundPage />;
}

export function App() {
  const t = useT();
  const { path } = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After client-side navigation, move focus to the new page (screen readers announce it).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setNavOpen(false);
    main.current?.focus({ preventScroll: true });
  }, [path]);

  useEffect(() => {
    if (!navOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setNavOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navOpen]);

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <TopBar navOpen={navOpen} onToggleNav={() => setNavOpen((o) => !o)} />
      <div className="body">
        <Nav open={navOpen} onNavigate={() => setNavOpen(false)} />
        {navOpen && <div className="nav-backdrop" onClick={() => setNavOpen(false)} aria-hidden="true" />}
        <main id="main" ref={main} tabIndex={-1}>
          {/* A page that crashes (or whose chunk fails to load) shows an explanation, not a blank screen. */}
          <ChunkBoundary key={path} fallback={<PageFailed />}>
            <Suspense fallback={<Loading minHeight="50vh" />}>
              <Page path={path} />
            </Suspense>
          </ChunkBoundary>
        </main>
      </div>
      <Footer />
    </div>
  );
}

function PageFailed() {
  const t = useT();
  return (
    <div className="page narrow">
      <div className="notice notice-error" role="alert">
        <strong className="notice-title">{t('error.title.generic')}</strong>
        <p>{t('error.pageFailed')}</p>
        <button type="button" className="btn btn-secondary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </button>
      </div>
    </div>
  );
}
