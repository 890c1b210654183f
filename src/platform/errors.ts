// Typed errors with stable codes. Services throw these; the one error handler
// (platform/http/error-handler.ts) maps them to HTTP status and a JSON body with the request id.
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
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
export const forbidden = (message = 'You do not have permission to do this.') => new AppError('forbidden', message);
export const unauthenticated = (message = 'Sign in first (session cookie or Bearer token).') => new AppError('unauthenticated', message);
export const conflict = (message: string) => new AppError('conflict', message);
export const invalid = (message: string, details?: ErrorDetail[]) => new AppError('validation_failed', message, details);
