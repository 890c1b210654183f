import { ApiError } from '../../api';
import type { Role, User } from '../../auth';

// Types of the admin API (identity.dto.ts, audit.dto.ts) and small helpers shared by the pages.

export interface AdminUser extends User {
  disabled: boolean;
  created_at: string;
  updated_at: string;
}

export interface UserPage {
  items: AdminUser[];
  next_cursor: string | null;
}

export interface TokenCreated {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  token: string;
}

export interface AuditItem {
  id: number;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

export interface AuditPage {
  items: AuditItem[];
  next_before: number | null;
}

/** The roles the API accepts (ROLES in src/platform/access.ts), in the order the select shows them. */
export const ROLES: Role[] = ['warga', 'petugas_rw', 'puskesmas', 'dinkes', 'operator_opd', 'penjual', 'operator_outlet', 'walidata', 'produsen_data', 'evaluator', 'wifi_fleet', 'admin'];

/** Which kind of scope each role takes (mirrors SCOPE_KIND in identity.scope.ts) → the hint shown. */
export const SCOPE_KIND: Record<Role, 'rw' | 'area' | 'slug' | 'optional-slug' | 'none'> = {
  warga: 'none',
  petugas_rw: 'rw',
  puskesmas: 'area',
  dinkes: 'area',
  operator_opd: 'slug',
  penjual: 'slug',
  operator_outlet: 'slug',
  walidata: 'slug',
  produsen_data: 'slug',
  evaluator: 'none',
  wifi_fleet: 'optional-slug',
  admin: 'none',
};

/**
 * The API's validation details by field name (`body.scope` and `scope` both → `scope`), so each
 * message is shown next to its field; whatever has no field stays in the general notice.
 */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const d of err.details) {
    if (!d.path) continue;
    const field = d.path.replace(/^body\./, '').split('.')[0];
    out[field] = out[field] ? `${out[field]} ${d.message}` : d.message;
  }
  return out;
}

/** Local date and time in Jakarta, e.g. "28 Nov 2026 06.05". */
export function formatTime(iso: string, lang: 'id' | 'en'): string {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' });
}
