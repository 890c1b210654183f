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

/** The kinds of scope a role takes (GET /api/roles, from SCOPE_KIND in identity.scope.ts). */
export type ScopeKind = 'rw' | 'area' | 'slug' | 'optional-slug' | 'none';

/** One entry of GET /api/roles: the server decides which roles exist and what scope each takes. */
export interface RoleInfo {
  role: Role;
  scope_kind: ScopeKind;
  /** English; the page shows its own translated hint per scope_kind. */
  scope_help: string;
}

/** The scope kind of a role; 'slug' (a free-text id) if the list does not know it, so nothing is blocked. */
export function scopeKindOf(roles: RoleInfo[], role: Role): ScopeKind {
  return roles.find((r) => r.role === role)?.scope_kind ?? 'slug';
}

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
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'Asia/Jakarta',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}
