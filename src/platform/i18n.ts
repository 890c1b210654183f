// Messages a person reads (errors, validation details) in the languages the API speaks, and the
// rule that picks one per request. Each module keeps its texts in ONE catalog
// (`<module>.messages.ts`, made with defineMessages); services throw AppErrors carrying a Msg, and the
// error handler renders it in the request's language. The English text stays in Error.message, so
// logs, the CLI and callers that read `.message` keep seeing the same English as before.

export type Lang = 'en' | 'id';

/** Values a template may use; kept so clients (and tests) can see what a message was built from. */
export type Params = Record<string, string | number>;

/** A user-facing text in every language, with the catalog key it came from (e.g. `covid.dateInFuture`). */
export interface Msg {
  readonly key: string;
  readonly params?: Params;
  readonly text: Readonly<Record<Lang, string>>;
}

/** A message not yet in a catalog is a plain English string; it is shown as is in every language. */
export type Text = string | Msg;

/** The text in a language (plain strings have only English). */
export function render(t: Text, lang: Lang): string {
  return typeof t === 'string' ? t : t.text[lang];
}

export function english(t: Text): string {
  return render(t, 'en');
}

/** A message built by hand, for texts composed of other messages (e.g. "<what> was not found."). */
export function localized(key: string, text: Record<Lang, string>, params?: Params): Msg {
  return { key, text, ...(params ? { params } : {}) };
}

/** One catalog entry: a template per language over the same params (`void` when it has none). */
export interface Entry<P> {
  en: (p: P) => string;
  id: (p: P) => string;
}

/** Declares an entry; P is written once and both templates are checked against it. */
export function m<P extends Params | void = void>(en: (p: P) => string, id: (p: P) => string): Entry<P> {
  return { en, id };
}

type Catalog<T> = { [K in keyof T]: T[K] extends Entry<infer P> ? ([P] extends [void] ? () => Msg : (p: P) => Msg) : never };

/**
 * Turns a table of entries into message constructors keyed `<namespace>.<name>`:
 * `const M = defineMessages('covid', { rwUnknown: m<{ rw: string }>((p) => …, (p) => …) }); M.rwUnknown({ rw })`.
 */
export function defineMessages<T extends Record<string, Entry<never>>>(namespace: string, table: T): Catalog<T> {
  const out: Record<string, (p: Params | undefined) => Msg> = {};
  for (const [name, entry] of Object.entries(table)) {
    const e = entry as unknown as Entry<Params | undefined>;
    out[name] = (p) => localized(`${namespace}.${name}`, { en: e.en(p), id: e.id(p) }, p ?? undefined);
  }
  return out as Catalog<T>;
}

/**
 * The language of a request's messages. Rule: the most preferred language of `Accept-Language`
 * (by q, then order) that the API speaks; `id` (or the legacy `in`, any region such as `id-ID`) gives
 * Indonesian, `en` English. No header, or none of the two listed: English, so API clients and
 * scripts see the same texts as always. The web app sends its UI language on every request.
 */
export function negotiateLang(acceptLanguage: string | string[] | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...attrs] = part.trim().toLowerCase().split(';');
      const q = attrs.map((a) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(a)).find(Boolean);
      return { primary: tag.trim().split('-')[0], q: q ? Number(q[1]) : 1, i };
    })
    .filter((x) => x.q > 0 && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { primary } of ranked) {
    if (primary === 'id' || primary === 'in') return 'id';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

/** negotiateLang for a request (for texts in successful answers, e.g. plausibility warnings). */
export function requestLang(req: { headers: { 'accept-language'?: string | string[] } }): Lang {
  return negotiateLang(req.headers['accept-language']);
}

/** Custom zod messages by their English text; see zodMessage. */
const zodTexts = new Map<string, Msg>();

/**
 * For a custom message in a zod schema (`.regex(re, zodMessage(M.dateFormat()))`): zod keeps only a
 * string, so the English text is what the schema gets (CLI and logs stay English) and the error
 * handler finds the other languages here by that text. The same English text must mean the same
 * thing everywhere, which holds because each one comes from a catalog.
 */
export function zodMessage(msg: Msg): string {
  zodTexts.set(msg.text.en, msg);
  return msg.text.en;
}

/** The catalog message behind a zod issue's custom English text, if it has one. */
export function zodCustomMessage(english: string): Msg | undefined {
  return zodTexts.get(english);
}
