import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { id, type MessageKey } from './id';
import { en } from './en';

export type Lang = 'id' | 'en';
export const LANGS: Lang[] = ['id', 'en'];
const STORAGE_KEY = 'sc.lang';

type Vars = Record<string, string | number>;
export type Translate<K extends string> = (key: K, vars?: Vars) => string;

/** A text given in both languages, e.g. a module's title in web/src/modules.ts. */
export interface Bilingual {
  id: string;
  en: string;
}

function readStoredLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'id' ? v : 'id';
  } catch {
    // Storage may be blocked (private mode); Indonesian is the default.
    return 'id';
  }
}

function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

interface LangState {
  lang: Lang;
  setLang(l: Lang): void;
}

const LangContext = createContext<LangState>({ lang: 'id', setLang: () => undefined });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    document.documentElement.lang = l;
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* not persisted, still switched for this visit */
    }
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

/**
 * Makes a typed `useT` hook for a dictionary pair. The shell uses it for its own strings; a module's
 * pages do the same with their own dictionaries (web/src/pages/<module>/i18n.ts), so every string
 * goes through translation without one giant file.
 */
export function makeT<D extends Record<string, string>>(dicts: {
  id: D;
  en: Record<keyof D, string>;
}): () => Translate<Extract<keyof D, string>> {
  return function useModuleT() {
    const { lang } = useLang();
    return useCallback((key, vars) => format((lang === 'en' ? dicts.en[key] : dicts.id[key]) ?? String(key), vars), [lang]);
  };
}

/** The shell's translation hook: `const t = useT(); t('nav.home')`. */
export const useT = makeT<Record<MessageKey, string>>({ id, en });

/** Picks the current language's text of a Bilingual value. */
export function useBilingual(): (b: Bilingual) => string {
  const { lang } = useLang();
  return useCallback((b: Bilingual) => b[lang], [lang]);
}

// Intl formatters are slow to construct (milliseconds each on a phone): build each one once.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f as T;
}

/** Number and date formatting in the current language (id-ID uses "." for thousands). */
export function useFormat() {
  const { lang } = useLang();
  return useMemo(() => {
    const locale = lang === 'en' ? 'en-GB' : 'id-ID';
    const num = (digits: number) => cached(`n:${locale}:${digits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }));
    const date = (withTime: boolean) =>
      cached(
        `d:${locale}:${withTime}`,
        () =>
          new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: 'Asia/Jakarta' }),
      );
    return {
      locale,
      number: (n: number, digits = 0) => num(digits).format(n),
      date: (d: Date | string) => date(false).format(new Date(d)),
      dateTime: (d: Date | string) => date(true).format(new Date(d)),
    };
  }, [lang]);
}
