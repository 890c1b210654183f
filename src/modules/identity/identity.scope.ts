import { ROLES, type Role } from '../../platform/access';
import { AppError, detail, invalid } from '../../platform/errors';
import { localized, type Msg } from '../../platform/i18n';
import { identityMessages as M, SCOPE_HELP_ID } from './identity.messages';

/** What identity needs from wilayah to check area scopes (WilayahService fits it). */
export interface RegionLookup {
  listKecamatan(): Promise<{ code: string }[]>;
  /** Throws a not_found AppError for an unknown code. */
  getKelurahan(code: string): Promise<unknown>;
  findRw(code: string): Promise<unknown>; // undefined when there is no such RW
}

export const CITY_CODE = '32.76';
const RW_RE = /^32\.76\.\d{2}\.\d{4}\/\d{3}$/;
const KEC_RE = /^32\.76\.\d{2}$/;
const KEL_RE = /^32\.76\.\d{2}\.\d{4}$/;
/** Agency, shop, outlet or provider ids: lower-case slugs such as `diskominfo`, `toko-demo-1`. */
const SLUG_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The kinds of scope a role can take; GET /api/roles tells the web which one each role has. */
export const SCOPE_KINDS = ['rw', 'area', 'slug', 'optional-slug', 'none'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** Which kind of scope each role takes (README "roles": every role is scoped). */
export const SCOPE_KIND: Record<Role, ScopeKind> = {
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

/** What a scope of each kind looks like, in words (error messages and GET /api/roles). */
export const SCOPE_HELP: Record<ScopeKind, string> = {
  rw: 'an RW code such as 32.76.01.1006/005 (list them with GET /api/wilayah/rw?kelurahan=32.76.01.1006)',
  area: `${CITY_CODE} (the whole city), a kecamatan code such as 32.76.01 or a kelurahan code such as 32.76.01.1006`,
  slug: 'an agency, shop or outlet id in lower case, such as diskominfo or toko-demo-1',
  'optional-slug': 'nothing, or a provider id in lower case such as biznet',
  none: 'no scope',
};

/** Every role with its kind of scope and what the scope looks like, in ROLES order. */
export function roleCatalog(): { role: Role; scope_kind: ScopeKind; scope_help: string }[] {
  return ROLES.map((role) => ({ role, scope_kind: SCOPE_KIND[role], scope_help: SCOPE_HELP[SCOPE_KIND[role]] }));
}

async function kelurahanExists(regions: RegionLookup, code: string): Promise<boolean> {
  try {
    await regions.getKelurahan(code);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return false;
    throw err;
  }
}

/**
 * Checks a role's scope: its format, and for area roles that the region exists. Returns the scope
 * to store (null for roles without one); throws a validation error a person can act on.
 */
export async function checkScope(role: Role, scope: string | null | undefined, regions: RegionLookup): Promise<string | null> {
  const kind = SCOPE_KIND[role];
  const s = scope?.trim() || null;
  const fail = (why: Msg) =>
    invalid(
      localized('identity.scopeInvalid', {
        en: `${why.text.en} A ${role} account needs ${SCOPE_HELP[kind]}.`,
        id: `${why.text.id} Akun ${role} memerlukan ${SCOPE_HELP_ID[kind]}.`,
      }),
      [detail('scope', why)],
    );
  if (kind === 'none') {
    if (s) throw fail(M.scopeNotAllowed({ role, scope: s }));
    return null;
  }
  if (!s) {
    if (kind === 'optional-slug') return null;
    throw fail(M.scopeRequired({ role }));
  }
  if (kind === 'slug' || kind === 'optional-slug') {
    if (!SLUG_RE.test(s)) throw fail(M.scopeBadId({ scope: s }));
    return s;
  }
  if (kind === 'rw') {
    if (!RW_RE.test(s)) throw fail(M.scopeBadRw({ scope: s }));
    if (!(await regions.findRw(s))) throw fail(M.scopeRegionMissing({ kind: 'RW', code: s }));
    return s;
  }
  if (s === CITY_CODE) return s;
  if (KEC_RE.test(s)) {
    if (!(await regions.listKecamatan()).some((k) => k.code === s)) throw fail(M.scopeRegionMissing({ kind: 'Kecamatan', code: s }));
    return s;
  }
  if (KEL_RE.test(s)) {
    if (!(await kelurahanExists(regions, s))) throw fail(M.scopeRegionMissing({ kind: 'Kelurahan', code: s }));
    return s;
  }
  throw fail(M.scopeBadArea({ scope: s }));
}
