import { defineMessages, m } from '../../platform/i18n';

// Every text of the identity module a person reads in an error, in English and Indonesian.
// "Cakupan" is the admin page's word for scope (web/src/pages/admin/i18n.ts).

/** What a scope of each kind looks like, in Indonesian (English: SCOPE_HELP in identity.scope.ts). */
export const SCOPE_HELP_ID: Record<string, string> = {
  rw: 'kode RW seperti 32.76.01.1006/005 (daftarnya ada di GET /api/wilayah/rw?kelurahan=32.76.01.1006)',
  area: '32.76 (seluruh kota), kode kecamatan seperti 32.76.01, atau kode kelurahan seperti 32.76.01.1006',
  slug: 'ID instansi, toko, atau gerai dalam huruf kecil, seperti diskominfo atau toko-demo-1',
  'optional-slug': 'cakupan kosong, atau ID penyedia dalam huruf kecil seperti biznet',
  none: 'tanpa cakupan',
};

export const identityMessages = defineMessages('identity', {
  // --- dto (zod) ---
  emailFormat: m(
    () => 'Use an email address like name@depok.go.id',
    () => 'Tulis alamat email seperti nama@depok.go.id',
  ),
  passwordTooShort: m<{ min: number }>(
    (p) => `The password must have at least ${p.min} characters.`,
    (p) => `Kata sandi minimal ${p.min} karakter.`,
  ),
  unknownRoleList: m<{ roles: string }>(
    (p) => `Unknown role. Roles: ${p.roles}.`,
    (p) => `Peran tidak dikenal. Peran yang tersedia: ${p.roles}.`,
  ),
  patchEmpty: m(
    () => 'Send at least one of role, scope, disabled, display_name, password.',
    () => 'Kirim paling sedikit satu dari: role, scope, disabled, display_name, password.',
  ),
  userIdFormat: m(
    () => 'Use a user id (UUID) from GET /api/users',
    () => 'Gunakan ID pengguna (UUID) dari GET /api/users',
  ),
  tokenIdFormat: m(
    () => 'Use a token id (UUID) from GET /api/me/tokens',
    () => 'Gunakan ID token (UUID) dari GET /api/me/tokens',
  ),

  // --- users (identity.service.ts) ---
  tooShort: m(
    () => 'too short',
    () => 'terlalu pendek',
  ),
  notAnEmail: m<{ email: string }>(
    (p) => `"${p.email}" is not an email address.`,
    (p) => `"${p.email}" bukan alamat email.`,
  ),
  notAnEmailShort: m(
    () => 'not an email address',
    () => 'bukan alamat email',
  ),
  unknownRole: m<{ role: string; roles: string }>(
    (p) => `Unknown role "${p.role}". Roles: ${p.roles}.`,
    (p) => `Peran "${p.role}" tidak dikenal. Peran yang tersedia: ${p.roles}.`,
  ),
  unknownRoleShort: m(
    () => 'unknown role',
    () => 'peran tidak dikenal',
  ),
  emailTaken: m<{ email: string }>(
    (p) => `A user with email ${p.email} already exists.`,
    (p) => `Pengguna dengan email ${p.email} sudah terdaftar.`,
  ),
  user: m<{ id: string }>(
    (p) => `User ${p.id}`,
    (p) => `Pengguna ${p.id}`,
  ),
  token: m<{ id: string }>(
    (p) => `Token ${p.id}`,
    (p) => `Token ${p.id}`,
  ),
  selfLockout: m(
    () => 'You cannot disable your own account or take away your own admin role; ask another admin.',
    () => 'Anda tidak dapat menonaktifkan akun sendiri atau mencabut peran admin Anda sendiri; minta admin lain untuk melakukannya.',
  ),
  noUserWithEmail: m<{ email: string }>(
    (p) => `No user with email ${p.email}.`,
    (p) => `Tidak ada pengguna dengan email ${p.email}.`,
  ),
  disabledNoToken: m<{ email: string }>(
    (p) => `The account ${p.email} is disabled; enable it before creating a token.`,
    (p) => `Akun ${p.email} dinonaktifkan; aktifkan terlebih dahulu sebelum membuat token.`,
  ),
  tokenFromSession: m(
    () => 'Create API tokens from a signed-in browser session, not with another token.',
    () => 'Buat token API dari sesi browser yang sudah masuk, bukan dengan token lain.',
  ),
  revokeOwnTokens: m(
    () => 'You can revoke only your own tokens.',
    () => 'Anda hanya dapat mencabut token milik Anda sendiri.',
  ),
  badCursor: m(
    () => 'The cursor is not valid; use next_cursor from the previous page.',
    () => 'Cursor tidak valid; gunakan next_cursor dari halaman sebelumnya.',
  ),
  badCursorShort: m(
    () => 'invalid cursor',
    () => 'cursor tidak valid',
  ),

  // --- sign-in and authentication (identity.service.ts, identity.auth.ts, identity.routes.ts) ---
  wrongPassword: m(
    () => 'Email or password is wrong.',
    () => 'Email atau kata sandi salah.',
  ),
  accountDisabled: m(
    () => 'This account is disabled. Ask the Diskominfo administrator to enable it.',
    () => 'Akun ini dinonaktifkan. Hubungi administrator Diskominfo untuk mengaktifkannya kembali.',
  ),
  loginRateLimit: m<{ seconds: number }>(
    (p) => `Too many sign-in attempts. Wait ${p.seconds} seconds and try again.`,
    (p) => `Terlalu banyak percobaan masuk. Tunggu ${p.seconds} detik, lalu coba lagi.`,
  ),
  bearerFormat: m(
    () => 'The Authorization header must be "Bearer <token>".',
    () => 'Header Authorization harus berbentuk "Bearer <token>".',
  ),
  tokenInvalid: m(
    () => 'The API token is unknown, revoked or expired. Create a new one with `smartcity token create`.',
    () => 'Token API tidak dikenal, sudah dicabut, atau kedaluwarsa. Buat token baru dengan `smartcity token create`.',
  ),
  sessionExpired: m(
    () => 'Your session has expired. Sign in again.',
    () => 'Sesi Anda telah berakhir. Silakan masuk kembali.',
  ),
  csrfFailed: m(
    () => 'Missing or wrong X-CSRF-Token header. Reload the page and try again.',
    () => 'Header X-CSRF-Token tidak ada atau salah. Muat ulang halaman, lalu coba lagi.',
  ),

  // --- scopes (identity.scope.ts): the reason, then what the role needs ---
  scopeNotAllowed: m<{ role: string; scope: string }>(
    (p) => `The role ${p.role} has no scope, but "${p.scope}" was given.`,
    (p) => `Peran ${p.role} tidak memiliki cakupan, tetapi "${p.scope}" diisikan.`,
  ),
  scopeRequired: m<{ role: string }>(
    (p) => `The role ${p.role} needs a scope.`,
    (p) => `Peran ${p.role} memerlukan cakupan.`,
  ),
  scopeBadId: m<{ scope: string }>(
    (p) => `"${p.scope}" is not a valid id.`,
    (p) => `"${p.scope}" bukan ID yang valid.`,
  ),
  scopeBadRw: m<{ scope: string }>(
    (p) => `"${p.scope}" is not an RW code.`,
    (p) => `"${p.scope}" bukan kode RW.`,
  ),
  scopeRegionMissing: m<{ kind: string; code: string }>(
    (p) => `${p.kind} ${p.code} does not exist.`,
    (p) => `${p.kind} ${p.code} tidak terdaftar.`,
  ),
  scopeBadArea: m<{ scope: string }>(
    (p) => `"${p.scope}" is not a city, kecamatan or kelurahan code.`,
    (p) => `"${p.scope}" bukan kode kota, kecamatan, atau kelurahan.`,
  ),
});
