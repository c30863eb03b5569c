/** Small shared controls: the back button and the language switch. */
import type { ReactElement } from 'react';
import { WORDS, type Lang } from '../lib/words.js';
import { BackIcon, GlobeIcon } from './Icons.js';
import { primaryOf, secondaryOf } from './Bi.js';

export function BackButton({ lang, onBack }: { lang: Lang; onBack: () => void }): ReactElement {
  return (
    <button type="button" className="btn btn-outline back" data-action="back" onClick={onBack}>
      <BackIcon />
      <span>
        {primaryOf(WORDS.back, lang)} <span className="secondary">{secondaryOf(WORDS.back, lang)}</span>
      </span>
    </button>
  );
}

/** One button naming the other language, in that language (a citizen looks for their own). */
export function LangSwitch({ lang, onLang }: { lang: Lang; onLang: (l: Lang) => void }): ReactElement {
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const name = other === 'en' ? 'English' : 'Tiếng Việt';
  return (
    <button type="button" className="btn btn-outline lang" lang={other} data-lang={other} aria-label={`${name} · Ngôn ngữ · Language`} onClick={() => onLang(other)}>
      <GlobeIcon />
      {name}
    </button>
  );
}
