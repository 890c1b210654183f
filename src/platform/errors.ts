import { english, localized, render, type Msg, type Text } from './i18n';
import { platformMessages as P } from './i18n.messages';

// Typed errors with stable codes. Services throw these; the one error handler
// (platform/http/error-handler.ts) maps them to HTTP status and a JSON body with the request id,
// rendering the message in the request's language when it is a catalog Msg (platform/i18n.ts).
export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export interface ErrorDetail {
  /** Where the problem is: a JSON path (`body.items.3.mac`), a CSV row (`row 12`), a field. */
  path?: string;
  /** English text (logs, CLI, and every language when `msg` is absent). */
  message: string;
  /** The same message in every language; build details with detail() to set both. */
  msg?: Msg;
}

/** An error detail from a catalog message (English in `message`, every language in `msg`). */
export function detail(path: string | undefined, text: Text): ErrorDetail {
  const d: ErrorDetail = { message: english(text) };
  if (path !== undefined) d.path = path;
  if (typeof text !== 'string') d.msg = text;
  return d;
}

export class AppError extends Error {
  readonly status: number;
  /** The message in every language, when it came from a catalog; `message` is its English text. */
  readonly msg?: Msg;
  constructor(
    readonly code: ErrorCode,
    message: Text,
    readonly details?: ErrorDetail[],
  ) {
    super(english(message));
    this.status = STATUS[code];
    if (typeof message !== 'string') this.msg = message;
  }
}

/** `what` names the thing, e.g. a catalog message "Report <id>" / "Laporan <id>". */
export const notFound = (what: Text) =>
  new AppError(
    'not_found',
    localized('platform.notFound', { en: `${english(what)} was not found.`, id: `${render(what, 'id')} tidak ditemukan.` }),
  );
export const forbidden = (message: Text = P.forbidden()) => new AppError('forbidden', message);
export const unauthenticated = (message: Text = P.unauthenticated()) => new AppError('unauthenticated', message);
export const conflict = (message: Text) => new AppError('conflict', message);
export const invalid = (message: Text, details?: ErrorDetail[]) => new AppError('validation_failed', message, details);
