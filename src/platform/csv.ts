import { parse } from 'csv-parse/sync';
import { AppError, type ErrorDetail } from './errors';
import { platformMessages as P } from './i18n.messages';

/** Parses CSV text with a header row into records; a malformed file is a 400 naming the line. */
export function parseCsv(text: string): Record<string, string>[] {
  try {
    return parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
    });
  } catch (err) {
    throw new AppError('validation_failed', P.csvUnreadable({ reason: (err as Error).message }));
  }
}

/** Throws a 400 listing missing columns. */
export function requireColumns(rows: Record<string, string>[], columns: string[]): void {
  const have = new Set(Object.keys(rows[0] ?? {}));
  const missing = columns.filter((c) => !have.has(c));
  if (missing.length)
    throw new AppError('validation_failed', P.csvMissingColumns({ missing: missing.join(', '), expected: columns.join(', ') }));
}

/** Throws a 400 when the file has a header but no data rows. */
export function requireRows(rows: Record<string, string>[]): void {
  if (!rows.length) throw new AppError('validation_failed', P.csvNoRows());
}

/** Throws one 400 with every row error (row numbers count the header as row 1). */
export function failOnRowErrors(errors: ErrorDetail[]): void {
  if (errors.length) throw new AppError('validation_failed', P.csvRowErrors({ count: errors.length }), errors.slice(0, 500));
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s =
    typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint'
        ? String(v)
        : v instanceof Date
          ? v.toISOString()
          : JSON.stringify(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Serialises rows to CSV with the given column order. */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The text of a `text/csv` request body (the app's content-type parser hands over a string). */
export function csvBody(body: unknown): string {
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return '';
}
