import { z } from 'zod';
import { ROLES } from '../../platform/access';
import { SCOPE_KINDS } from './identity.scope';
import { zodMessage as t } from '../../platform/i18n';
import { identityMessages as M } from './identity.messages';

export const LoginBody = z.strictObject({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(512),
});

export const PublicUser = z.object({
  id: z.string(),
  email: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
  scope: z.string().nullable(),
  is_demo: z.boolean(),
});

export const MeResponse = z.object({ user: PublicUser.nullable(), csrf_token: z.string().nullable() });

// --- admin: users -------------------------------------------------------------------------------

export const MIN_PASSWORD = 8;
const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, t(M.emailFormat()));
const Password = z
  .string()
  .min(MIN_PASSWORD, t(M.passwordTooShort({ min: MIN_PASSWORD })))
  .max(512);
const unknownRole = t(M.unknownRoleList({ roles: ROLES.join(', ') }));
const Role = z.enum(ROLES, { error: () => unknownRole });
const Scope = z.string().trim().min(1).max(100).nullable();
const DisplayName = z.string().trim().min(1).max(120);

export const CreateUserBody = z.strictObject({
  email: Email,
  password: Password,
  role: Role,
  scope: Scope.optional(),
  display_name: DisplayName.optional(),
});

export const PatchUserBody = z
  .strictObject({
    role: Role.optional(),
    scope: Scope.optional(),
    disabled: z.boolean().optional(),
    display_name: DisplayName.optional(),
    password: Password.optional().describe('Sets a new password; the user is signed out everywhere'),
  })
  .refine((b) => Object.keys(b).length > 0, t(M.patchEmpty()));

export const UserIdParams = z.strictObject({ id: z.uuid(t(M.userIdFormat())) });
export const TokenIdParams = z.strictObject({ id: z.uuid(t(M.tokenIdFormat())) });

export const UsersQuery = z.strictObject({
  role: Role.optional(),
  q: z.string().trim().min(1).max(100).optional().describe('Part of the email or display name'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('next_cursor of the previous page'),
});

export const AdminUser = PublicUser.extend({
  disabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const UserPage = z.object({ items: z.array(AdminUser), next_cursor: z.string().nullable() });

export const RoleInfo = z.object({
  role: z.enum(ROLES),
  scope_kind: z
    .enum(SCOPE_KINDS)
    .describe('rw: an RW code; area: city, kecamatan or kelurahan code; slug: an id; optional-slug: an id or nothing; none: no scope'),
  scope_help: z.string().describe('What the scope looks like, in words (English)'),
});

// --- tokens -------------------------------------------------------------------------------------

export const CreateTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(80).describe('What the token is for, e.g. "HP petugas RW 005"'),
  expires_in_days: z.number().int().min(1).max(3650).optional().describe('Omit for a token that does not expire'),
});

export const TokenInfo = z.object({
  id: z.string(),
  user_id: z.string(),
  name: z.string(),
  prefix: z.string().describe('First characters of the token, to tell tokens apart; the secret is never shown again'),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export const TokenCreated = TokenInfo.extend({ token: z.string().describe('Shown once; store it now') });

export type CreateUserInput = z.infer<typeof CreateUserBody>;
export type PatchUserInput = z.infer<typeof PatchUserBody>;
