/** Home: "Mời chọn dịch vụ" and the services as big buttons (at most eight, the rest behind "Dịch vụ khác"). */
import type { ReactElement } from 'react';
import { homeLayout, morePages, type ServiceTile } from '../lib/services.js';
import { WORDS, type Lang } from '../lib/words.js';
import { Bi, primaryOf } from './Bi.js';
import { BackButton, LangSwitch } from './Controls.js';
import { ServiceButton } from './ServiceButton.js';
import { ChevronIcon } from './Icons.js';
import { PrinterNotice } from './PrinterNotice.js';

interface Props {
  tiles: ServiceTile[];
  lang: Lang;
  onService: (t: ServiceTile) => void;
  onMore: () => void;
  onLang: (l: Lang) => void;
  /** The printer's known trouble, said before the tap. */
  printerProblem?: string | null;
  /** "Đã đặt lịch hẹn / Nhận kết quả", when the centre takes bookings or hands results back. */
  onCheckIn?: (() => void) | null;
  /** A citizen ID card was read on this visit: what it gives. */
  card?: { category: string | null } | null;
}

export function HomeScreen({ tiles, lang, onService, onMore, onLang, printerProblem, onCheckIn, card }: Props): ReactElement {
  const layout = homeLayout(tiles);
  return (
    <>
      <div className="title-row">
        <Bi words={WORDS.chooseService} lang={lang} className="title" />
        <LangSwitch lang={lang} onLang={onLang} />
      </div>
      {printerProblem ? <PrinterNotice code={printerProblem} lang={lang} /> : null}
      {card ? (
        <div className="card-notice" role="status" data-card-category={card.category ?? 'none'}>
          <strong>{primaryOf(WORDS.cardRead, lang)}</strong> {primaryOf(card.category === 'elderly' ? WORDS.cardElderly : WORDS.cardNone, lang)}
        </div>
      ) : null}
      <div className="services">
        {layout.tiles.map((t) => (
          <ServiceButton key={t.service.id} tile={t} lang={lang} onTap={onService} />
        ))}
        {layout.more ? (
          <button type="button" className="btn more" data-action="more" onClick={onMore}>
            <Bi words={WORDS.moreServices} lang={lang} inline />
            <ChevronIcon />
          </button>
        ) : null}
      </div>
      {/* A booked visit or a result to collect: beneath the services, which most citizens want. */}
      {onCheckIn ? (
        <button type="button" className="btn btn-outline checkin" data-action="check-in" onClick={onCheckIn}>
          <Bi words={WORDS.checkInButton} lang={lang} inline />
          <ChevronIcon />
        </button>
      ) : null}
    </>
  );
}

interface MoreProps {
  tiles: ServiceTile[];
  page: number;
  lang: Lang;
  onService: (t: ServiceTile) => void;
  onPage: (page: number) => void;
  onBack: () => void;
  onLang: (l: Lang) => void;
}

/** The services that did not fit on home, a page at a time. */
export function MoreScreen({ tiles, page, lang, onService, onPage, onBack, onLang }: MoreProps): ReactElement {
  const pages = morePages(tiles);
  const p = Math.min(page, Math.max(0, pages.length - 1));
  const shown = pages[p] ?? [];
  return (
    <>
      <div className="title-row">
        <Bi words={WORDS.moreServices} lang={lang} className="title" />
        <LangSwitch lang={lang} onLang={onLang} />
      </div>
      <div className="services">
        {shown.map((t) => (
          <ServiceButton key={t.service.id} tile={t} lang={lang} onTap={onService} />
        ))}
      </div>
      <div className="footer-row">
        <BackButton lang={lang} onBack={p > 0 ? () => onPage(p - 1) : onBack} />
        {p + 1 < pages.length ? (
          <button type="button" className="btn btn-outline back" data-action="next-page" onClick={() => onPage(p + 1)}>
            <Bi words={WORDS.nextPage} lang={lang} inline />
            <ChevronIcon />
          </button>
        ) : null}
      </div>
    </>
  );
}
