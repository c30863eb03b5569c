/** "Ưu tiên?": the four categories with their icons, and "Không ưu tiên" as the big default. */
import type { ReactElement } from 'react';
import { PRIORITY_CATEGORIES, type PriorityCategory, type Service } from '@layso/shared';
import { PRIORITY_WORDS, WORDS, type Lang } from '../lib/words.js';
import { Bi, primaryOf, secondaryOf } from './Bi.js';
import { BackButton, LangSwitch } from './Controls.js';
import { PRIORITY_ICONS } from './Icons.js';

interface Props {
  service: Service;
  lang: Lang;
  onChoose: (p: PriorityCategory | null) => void;
  onBack: () => void;
  onLang: (l: Lang) => void;
  /** The category a citizen ID card read on this visit gives: offered first. */
  fromCard?: PriorityCategory | null;
}

export function PriorityScreen({ service, lang, onChoose, onBack, onLang, fromCard }: Props): ReactElement {
  const CardIcon = fromCard ? PRIORITY_ICONS[fromCard] : null;
  return (
    <>
      <div className="chosen-service">{primaryOf({ vi: service.nameVi, en: service.nameEn }, lang)}</div>
      {fromCard && CardIcon ? (
        <button type="button" className="btn btn-primary no-priority from-card" data-priority={fromCard} data-from-card="true" onClick={() => onChoose(fromCard)}>
          <span className="primary">
            <CardIcon /> {primaryOf(PRIORITY_WORDS[fromCard], lang)}
          </span>
          <span className="secondary">
            {primaryOf(WORDS.byCard, lang)} · {secondaryOf(PRIORITY_WORDS[fromCard], lang)}
          </span>
        </button>
      ) : null}
      <div className="title">
        <span className="primary">
          {primaryOf(WORDS.priorityQuestion, lang)} <span className="secondary inline">{secondaryOf(WORDS.priorityQuestion, lang)}</span>
        </span>
        <span className="secondary">{primaryOf(WORDS.priorityHint, lang)}</span>
      </div>
      <button type="button" className="btn btn-primary no-priority" data-priority="none" onClick={() => onChoose(null)}>
        <Bi words={WORDS.noPriority} lang={lang} />
      </button>
      <div className="categories">
        {PRIORITY_CATEGORIES.map((p) => {
          const Icon = PRIORITY_ICONS[p];
          return (
            <button key={p} type="button" className="btn btn-outline category" data-priority={p} onClick={() => onChoose(p)}>
              <Icon />
              <Bi words={PRIORITY_WORDS[p]} lang={lang} />
            </button>
          );
        })}
      </div>
      <div className="footer-row">
        <BackButton lang={lang} onBack={onBack} />
        <LangSwitch lang={lang} onLang={onLang} />
      </div>
    </>
  );
}
