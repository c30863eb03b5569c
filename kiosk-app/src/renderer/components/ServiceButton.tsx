/** One service: a big button with its name, and how many wait and how long. Greyed with its hours when closed. */
import type { ReactElement } from 'react';
import { kioskNameOf } from '@layso/shared';
import { tileNameSize, type ServiceTile } from '../lib/services.js';
import { WORDS, estimateWords, type Lang } from '../lib/words.js';
import { ClockIcon } from './Icons.js';
import { primaryOf, secondaryOf } from './Bi.js';

export function ServiceButton({ tile, lang, onTap }: { tile: ServiceTile; lang: Lang; onTap: (t: ServiceTile) => void }): ReactElement {
  const s = tile.service;
  // The short kiosk name when the admin set one; sized so any accepted name fits its button.
  const name = { vi: kioskNameOf(s), en: s.nameEn };
  const fit = { fontSize: `calc(${tileNameSize(name.vi)} * var(--u))` };
  if (!tile.issuing) {
    return (
      <button type="button" className="btn tile closed" disabled data-service-id={s.id} data-issuing="false">
        <span className="text">
          <span className="name" style={fit}>
            {primaryOf(name, lang)}
          </span>
          <span className="name-2">{secondaryOf(name, lang)}</span>
        </span>
        <span className="side">
          <span className="side-2 strong">{primaryOf(WORDS.closed, lang)}</span>
          <span className="side-1">
            <ClockIcon className="side-icon" />
            <span className="sr-only">{primaryOf(WORDS.hours, lang)} </span>
            {s.hours.open}–{s.hours.close}
          </span>
        </span>
      </button>
    );
  }
  return (
    <button
      type="button"
      className="btn btn-primary tile"
      data-service-id={s.id}
      data-issuing="true"
      onClick={() => onTap(tile)}
    >
      <span className="text">
        <span className="name" lang={lang} style={fit}>
          {primaryOf(name, lang)}
        </span>
        <span className="name-2">{secondaryOf(name, lang)}</span>
      </span>
      {/* "Đang chờ: 5 · khoảng 12 phút", in two lines beside the name. */}
      <span className="side queue">
        <span className="side-1">
          {primaryOf(WORDS.waiting, lang)}: {tile.waiting}
        </span>
        <span className="side-2">{primaryOf(estimateWords(tile.estimateMinutes), lang)}</span>
      </span>
    </button>
  );
}
