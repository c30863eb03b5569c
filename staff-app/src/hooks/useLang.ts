import { createContext, useCallback, useContext } from 'react';
import { type Lang, type WordKey, say } from '../i18n/words.js';
import { errorWords } from '../i18n/errors.js';

export interface LangValue {
  lang: Lang;
  setLang: (l: Lang) => void;
}

export const LangContext = createContext<LangValue>({ lang: 'vi', setLang: () => {} });

const LANG_KEY = 'layso.staff.lang';

export function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function rememberLang(l: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, l);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = l;
}

/** `t('act_callNext')`, `t('takenBy', { name })`, and `err(code)` in the chosen language. */
export function useWords(): {
  lang: Lang;
  t: (key: WordKey, vars?: Record<string, string | number>) => string;
  err: (code: string) => string;
} {
  const { lang } = useContext(LangContext);
  const t = useCallback((key: WordKey, vars?: Record<string, string | number>) => say(lang, key, vars), [lang]);
  const err = useCallback((code: string) => errorWords(code, lang), [lang]);
  return { lang, t, err };
}
