import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Bilingual } from './i18n';
import type { Role } from './auth';
import type { IconName } from './components/icons';

/**
 * The web app's module registry: navigation, home-page cards and routes all come from this list,
 * so only modules that exist are shown. To add a module, put its pages under web/src/pages/<id>/
 * and add one entry here with a lazy import (its code loads only when someone opens it):
 *
 *   { id: 'covid', path: '/covid', title: { id: 'COVID-19', en: 'COVID-19' },
 *     summary: { id: '…', en: '…' }, icon: 'health', page: lazy(() => import('./pages/covid/CovidPage')) },
 *
 * The page component receives the current path (`/covid/laporan/12` etc.): sub-pages are its own.
 */
export interface WebModule {
  id: string;
  /** Where it lives; every path below it belongs to the module too. */
  path: string;
  title: Bilingual;
  /** One sentence for the home-page card. */
  summary: Bilingual;
  /** An icon name from web/src/components/icons.ts (add one there if none fits). */
  icon: IconName;
  page: LazyExoticComponent<ComponentType<ModulePageProps>>;
  /** When set, the entry is shown (in nav and on the home page) only to these roles (admin sees all). */
  roles?: Role[];
  /** Shown in the navigation only (not as a home card). */
  navOnly?: boolean;
}

export interface ModulePageProps {
  path: string;
}

export const WEB_MODULES: WebModule[] = [
  {
    id: 'covid',
    path: '/covid',
    title: { id: 'Kampung Siaga Covid', en: 'Kampung Siaga Covid' },
    summary: {
      id: 'Angka Covid-19 terverifikasi sampai RW, peta zona, cek lokasi, pengumuman dan forum RW.',
      en: 'Verified Covid-19 figures down to RW, zone map, location check, announcements and RW forum.',
    },
    icon: 'health',
    page: lazy(() => import('./pages/covid/CovidPage')),
  },
  {
    id: 'wifi',
    path: '/wifi',
    title: { id: 'Wi-Fi publik', en: 'Public Wi-Fi' },
    summary: {
      id: 'Titik Wifi Depok Bersahabat, statusnya, dan Wi-Fi terdekat dari Anda.',
      en: 'Wifi Depok Bersahabat points, their state, and the nearest Wi-Fi to you.',
    },
    icon: 'wifi',
    page: lazy(() => import('./pages/wifi/WifiPage')),
  },
  {
    id: 'wifi-ops',
    path: '/wifi/operasi',
    title: { id: 'Operasi Wi-Fi', en: 'Wi-Fi operations' },
    summary: {
      id: 'Perangkat bermasalah, peringatan, cakupan RW, SLA dan pemakaian.',
      en: 'Devices with problems, alerts, RW coverage, SLA and usage.',
    },
    icon: 'chart',
    page: lazy(() => import('./pages/wifi/WifiPage')),
    roles: ['operator_opd'],
  },
  {
    id: 'admin',
    path: '/admin',
    title: { id: 'Pengguna & audit', en: 'Users & audit' },
    summary: {
      id: 'Kelola akun, peran, cakupan dan token API; baca log audit.',
      en: 'Manage accounts, roles, scopes and API tokens; read the audit log.',
    },
    icon: 'user',
    page: lazy(() => import('./pages/admin/AdminPage')),
    roles: ['admin'],
    navOnly: true,
  },
];

/** The modules a user may see: public ones plus those for their role. */
export function visibleModules(role: Role | null | undefined): WebModule[] {
  return WEB_MODULES.filter((m) => !m.roles || (role && (role === 'admin' || m.roles.includes(role))));
}
