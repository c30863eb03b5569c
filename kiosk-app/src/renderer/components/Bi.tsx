/** Bilingual text: the chosen language in front, the other beneath it (or beside, inline). */
import type { ReactElement } from 'react';
import type { Lang, Words } from '../lib/words.js';

export function primaryOf(words: Words, lang: Lang): string {
  return lang === 'vi' ? words.vi : words.en;
}

export function secondaryOf(words: Words, lang: Lang): string {
  return lang === 'vi' ? words.en : words.vi;
}

export function Bi({ words, lang, className, inline }: { words: Words; lang: Lang; className?: string; inline?: boolean }): ReactElement {
  const Tag = inline ? 'span' : 'div';
  return (
    <Tag className={className}>
      <span className="primary" lang={lang}>
        {primaryOf(words, lang)}
      </span>
      {inline ? ' ' : null}
      <span className="secondary" lang={lang === 'vi' ? 'en' : 'vi'}>
        {secondaryOf(words, lang)}
      </span>
    </Tag>
  );
}
