import { useEffect, useState } from 'react';
import { useAuth } from '../../auth';
import { Loading } from '../../components/Loading';
import { Link } from '../../router';
import { useThrottled, useWifiEvents } from './data';
import { useWifiT } from './i18n';
import { LiveBadge } from './parts';
import { AlertsSection } from './ops/AlertsSection';
import { CoverageSection } from './ops/CoverageSection';
import { NotOkSection } from './ops/NotOkSection';
import { SlaSection } from './ops/SlaSection';
import { UnknownMacsSection } from './ops/UnknownMacsSection';
import { UsageSection } from './ops/UsageSection';

/** Operations (operator_opd, admin): APs not OK, alerts, unknown MACs, coverage per RW, SLA and usage; live over SSE. */
export default function WifiOpsPage() {
  const t = useWifiT();
  const { user } = useAuth();
  // Bumped by live events; the sections that show live data re-fetch when it changes.
  const [apVersion, setApVersion] = useState(0);
  const [alertVersion, setAlertVersion] = useState(0);
  const [coverageVersion, setCoverageVersion] = useState(0);
  const [unknownVersion, setUnknownVersion] = useState(0);

  useEffect(() => {
    document.title = `${t('ops.title')} · Depok Smart City`;
  }, [t]);

  const bumpAps = useThrottled(() => setApVersion((v) => v + 1), 750);
  const bumpAlerts = useThrottled(() => setAlertVersion((v) => v + 1), 750);
  const bumpCoverage = useThrottled(() => setCoverageVersion((v) => v + 1), 5000);
  const bumpUnknown = useThrottled(() => setUnknownVersion((v) => v + 1), 1000);
  const allowed = !!user && (user.role === 'admin' || user.role === 'operator_opd');
  const live = useWifiEvents((e) => {
    if (!allowed) return;
    if (e.type === 'wifi.ap.state_changed') bumpAps();
    else if (e.type.startsWith('wifi.alert.')) bumpAlerts();
    else if (e.type === 'wifi.hotspot.state_changed') bumpCoverage();
    else if (e.type === 'wifi.health.evaluated') {
      // Telemetry publishes no event; each evaluation (every minute) is the cue to reload unknown MACs.
      bumpUnknown();
      // Per-change events are capped server-side in a mass outage; the summary still triggers a refresh.
      if (Number(e.data.aps_changed ?? 0) > 0) {
        bumpAps();
        bumpAlerts();
      }
    }
  });

  if (user === undefined) return <Loading minHeight="50vh" />;
  if (!user)
    return (
      <div className="page narrow">
        <h1>{t('ops.title')}</h1>
        <p>{t('ops.signIn')}</p>
        <Link to="/masuk" className="btn btn-primary">
          {t('ops.signInButton')}
        </Link>
      </div>
    );
  if (!allowed)
    return (
      <div className="page narrow">
        <h1>{t('ops.title')}</h1>
        <p className="notice notice-error">{t('ops.forbidden', { role: user.role })}</p>
        <Link to="/wifi">{t('ops.publicMap')}</Link>
      </div>
    );

  return (
    <div className="page wifi wifi-ops">
      <header className="wifi-head">
        <div>
          <h1>{t('ops.title')}</h1>
          <p className="lead">{t('ops.intro')}</p>
        </div>
        <LiveBadge connected={live} />
      </header>
      <nav className="wifi-ops-nav" aria-label={t('ops.nav')}>
        <a href="#notok">{t('notok.title')}</a>
        <a href="#alerts">{t('alerts.title')}</a>
        <a href="#unknown">{t('unknown.title')}</a>
        <a href="#coverage">{t('coverage.title')}</a>
        <a href="#sla">{t('sla.title')}</a>
        <a href="#usage">{t('usage.title')}</a>
        <Link to="/wifi">{t('ops.publicMap')}</Link>
      </nav>
      <NotOkSection version={apVersion} />
      <AlertsSection version={alertVersion} />
      <UnknownMacsSection version={unknownVersion} />
      <CoverageSection version={coverageVersion} />
      <SlaSection />
      <UsageSection />
    </div>
  );
}
