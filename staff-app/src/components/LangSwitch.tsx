import { useContext } from 'react';
import { LangContext } from '../hooks/useLang.js';
import type { Lang } from '../i18n/words.js';

/** VI | EN: Vietnamese first. */
export function LangSwitch() {
  const { lang, setLang } = useContext(LangContext);
  const option = (l: Lang, label: string, full: string) => (
    <button
      type="button"
      className={lang === l ? 'lang-on' : ''}
      aria-pressed={lang === l}
      lang={l}
      title={full}
      onClick={() => setLang(l)}
    >
      {label}
    </button>
  );
  return (
    <div className="lang-switch" role="group" aria-label="Ngôn ngữ / Language">
      {option('vi', 'VI', 'Tiếng Việt')}
      {option('en', 'EN', 'English')}
    </div>
  );
}
