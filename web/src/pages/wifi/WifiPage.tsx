import { lazy } from 'react';
import type { ModulePageProps } from '../../modules';
import { isUnder } from '../../router';
import './wifi.css';

// Both registry entries (/wifi and /wifi/operasi) land here, so the order of WEB_MODULES does not
// matter; each view is its own chunk (the public map never loads the operations code).
const WifiMapPage = lazy(() => import('./WifiMapPage'));
const WifiOpsPage = lazy(() => import('./WifiOpsPage'));

export const OPS_PATH = '/wifi/operasi';

export default function WifiPage({ path }: ModulePageProps) {
  return isUnder(path, OPS_PATH) ? <WifiOpsPage /> : <WifiMapPage />;
}
