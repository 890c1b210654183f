import { z } from 'zod';
import { localized, zodCustomMessage, type Text } from './i18n';

// zod validation issues in the request's language. fastify-type-provider-zod hands over each issue
// as { keyword: code, message, params: the rest of the issue } with zod's default (English) message
// already rendered, so the other language is rendered here: a custom message of a dto comes from its
// catalog (zodMessage), a built-in one from zod's own Indonesian locale, with the few that officers
// meet daily on forms (missing field, out of range, unknown choice) phrased naturally here.

type RawIssue = z.core.$ZodRawIssue;

export interface ZodValidationEntry {
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

const enLocale = z.locales.en().localeError;
const idLocale = z.locales.id().localeError;

function localeText(fn: z.core.$ZodErrorMap, issue: RawIssue): string | undefined {
  const out = fn(issue);
  return typeof out === 'string' ? out : out?.message;
}

const TYPE_ID: Record<string, string> = {
  number: 'angka',
  int: 'bilangan bulat',
  string: 'teks',
  boolean: 'true atau false',
  object: 'objek',
  array: 'daftar (array)',
  date: 'tanggal',
};

function list(values: unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

function num(v: unknown): string {
  return typeof v === 'number' || typeof v === 'bigint' ? v.toString() : String(v);
}

/** Natural Indonesian for the common issues; undefined leaves it to zod's locale. */
function indonesian(issue: RawIssue & Record<string, unknown>): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'Wajib diisi.';
      const t = TYPE_ID[String(issue.expected)];
      return t ? `Harus berupa ${t}.` : undefined;
    }
    case 'too_small':
    case 'too_big': {
      if (issue.exact) return undefined;
      const small = issue.code === 'too_small';
      const bound = num(small ? issue.minimum : issue.maximum);
      const incl = issue.inclusive !== false;
      const unit = issue.origin === 'string' ? ' karakter' : issue.origin === 'array' || issue.origin === 'set' ? ' item' : '';
      if (issue.origin === 'number' || issue.origin === 'bigint' || unit) {
        if (incl) return `${small ? 'Minimal' : 'Maksimal'} ${bound}${unit}.`;
        return `Harus ${small ? 'lebih dari' : 'kurang dari'} ${bound}${unit}.`;
      }
      return undefined;
    }
    case 'invalid_value': {
      const values = Array.isArray(issue.values) ? (issue.values as unknown[]) : [];
      if (values.length === 1) return `Harus ${list(values)}.`;
      return values.length ? `Pilih salah satu: ${list(values)}.` : undefined;
    }
    case 'unrecognized_keys':
      return `Kolom tidak dikenal: ${list(Array.isArray(issue.keys) ? issue.keys : [])}.`;
    case 'invalid_format':
      if (issue.format === 'regex') return 'Formatnya tidak sesuai.';
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The text of one zod issue in every language. `input` is the value at the issue's path (zod
 * drops it from the issue; built-in messages such as "received undefined" depend on it).
 * A custom English message without a catalog entry (e.g. a module not converted yet) stays as is.
 */
export function zodIssueText(v: ZodValidationEntry, input: unknown): Text {
  const message = v.message ?? 'invalid value';
  const custom = zodCustomMessage(message);
  if (custom) return custom;
  const issue = { ...(v.params ?? {}), code: v.keyword, input } as RawIssue & Record<string, unknown>;
  // Built-in = zod's English for this issue; invalid_type also names the received type, which a
  // coerced or transformed input can change, so its prefix is enough.
  const builtIn =
    localeText(enLocale, issue) === message || (v.keyword === 'invalid_type' && message.startsWith('Invalid input: expected '));
  if (!builtIn) return message;
  const id = indonesian(issue) ?? localeText(idLocale, issue) ?? 'Isian tidak valid.';
  return localized(`zod.${v.keyword}`, { en: message, id });
}
