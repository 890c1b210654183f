import { defineMessages, m } from './i18n';

// Messages of the platform itself: generic errors, request parsing, CSV files, access checks.

export const platformMessages = defineMessages('platform', {
  forbidden: m(
    () => 'You do not have permission to do this.',
    () => 'Anda tidak berwenang melakukan tindakan ini.',
  ),
  unauthenticated: m(
    () => 'Sign in first (session cookie or Bearer token).',
    () => 'Silakan masuk terlebih dahulu (cookie sesi atau token Bearer).',
  ),
  invalidFields: m(
    () => 'The request has invalid fields.',
    () => 'Isian tidak valid. Periksa kolom yang ditandai.',
  ),
  invalidValue: m(
    () => 'invalid value',
    () => 'nilai tidak valid',
  ),
  internal: m(
    () => 'Internal error. Quote the request id when reporting it.',
    () => 'Terjadi kesalahan pada sistem. Sebutkan ID permintaan (request id) saat melaporkannya.',
  ),
  invalidJson: m<{ reason: string }>(
    (p) => `The body is not valid JSON: ${p.reason}`,
    (p) => `Isi permintaan bukan JSON yang valid: ${p.reason}`,
  ),
  payloadTooLarge: m(
    () => 'The request body is larger than this endpoint accepts.',
    () => 'Isi permintaan melebihi ukuran yang diterima endpoint ini.',
  ),
  unsupportedMediaType: m<{ type: string }>(
    (p) => `Content type not supported here: ${p.type}.`,
    (p) => `Jenis konten tidak didukung di sini: ${p.type}.`,
  ),
  badContentLength: m(
    () => 'The Content-Length header does not match the body.',
    () => 'Header Content-Length tidak sesuai dengan isi permintaan.',
  ),
  tooManyRequests: m(
    () => 'Too many requests; wait a minute and try again.',
    () => 'Terlalu banyak permintaan. Tunggu satu menit, lalu coba lagi.',
  ),
  noEndpoint: m<{ method: string; path: string }>(
    (p) => `No endpoint ${p.method} ${p.path}.`,
    (p) => `Endpoint ${p.method} ${p.path} tidak ada.`,
  ),
  csvUnreadable: m<{ reason: string }>(
    (p) => `The CSV file could not be read: ${p.reason}`,
    (p) => `Berkas CSV tidak dapat dibaca: ${p.reason}`,
  ),
  csvNoRows: m(
    () => 'The CSV file has no data rows.',
    () => 'Berkas CSV tidak berisi baris data.',
  ),
  csvMissingColumns: m<{ missing: string; expected: string }>(
    (p) => `The CSV file lacks the column(s): ${p.missing}. Expected: ${p.expected}.`,
    (p) => `Berkas CSV tidak memiliki kolom: ${p.missing}. Kolom yang diharapkan: ${p.expected}.`,
  ),
  csvRowErrors: m<{ count: number }>(
    (p) => `${p.count} row(s) have errors; nothing was imported.`,
    (p) => `${p.count} baris berisi kesalahan; tidak ada data yang diimpor.`,
  ),
  needsRole: m<{ roles: string; role: string }>(
    (p) => `This needs one of the roles: ${p.roles}. You are signed in as ${p.role}.`,
    (p) => `Tindakan ini memerlukan salah satu peran: ${p.roles}. Anda masuk sebagai ${p.role}.`,
  ),
  // scope is '' when the account has none.
  outsideScope: m<{ scope: string; code: string }>(
    (p) => `Your account is limited to ${p.scope || 'no area'}; ${p.code} is outside it.`,
    (p) =>
      p.scope
        ? `Akun Anda terbatas pada wilayah ${p.scope}; ${p.code} berada di luar wilayah tersebut.`
        : `Akun Anda belum memiliki wilayah tugas; ${p.code} berada di luar wewenang Anda.`,
  ),
});
