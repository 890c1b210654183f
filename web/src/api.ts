// The one fetch wrapper of the web app: JSON in and out, the session cookie, the CSRF token on
// every write, and the platform's error body `{error:{code,message,details,request_id}}` turned
// into an ApiError whose message a person can act on. Every request carries the UI language as
// Accept-Language, so the server's error messages come in the language the page is shown in.

export interface ErrorDetail {
  path?: string;
  message: string;
  /** The server's catalog key of the message (e.g. `covid.dateInFuture`), the same in every language. */
  key?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Set from GET /api/auth/me and POST /api/auth/login; sent as x-csrf-token on writes. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A plain object is sent as JSON; a string as text/csv unless contentType says otherwise. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/**
 * The UI language (see i18n/index.tsx): the stored choice, else the one LangProvider put on <html>
 * (it does so even when storage is blocked), else Indonesian, the app's default. Read per request,
 * so switching language takes effect on the next call without any wiring.
 */
export function uiLang(): 'id' | 'en' {
  try {
    const stored = localStorage.getItem('sc.lang');
    if (stored === 'id' || stored === 'en') return stored;
  } catch {
    /* storage blocked: fall back to the document */
  }
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'id';
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: ErrorDetail[]; request_id?: string };
}

/** Calls the platform API; resolves with the parsed JSON (undefined for 204), rejects with ApiError. */
export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const method = opts.method ?? (opts.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': uiLang(), ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    if (typeof opts.body === 'string') {
      body = opts.body;
      headers['content-type'] = opts.contentType ?? 'text/csv';
    } else {
      body = JSON.stringify(opts.body);
      headers['content-type'] = opts.contentType ?? 'application/json';
    }
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', uiLang() === 'en' ? 'The server could not be reached.' : 'Server tidak dapat dihubungi.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const e = (json as ErrorBody | undefined)?.error;
    throw new ApiError(
      res.status,
      e?.code ?? (res.status >= 500 ? 'internal' : 'http_error'),
      e?.message ?? `The server answered ${res.status} ${res.statusText}.`,
      e?.details ?? [],
      e?.request_id ?? res.headers.get('x-request-id') ?? undefined,
    );
  }
  return json as T;
}
