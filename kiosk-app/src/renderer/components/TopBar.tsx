/** The centre's name and the clock, on every screen. */
import type { ReactElement } from 'react';
import type { CentreInfo } from '@layso/shared';
import { clockDate, clockTime } from '../lib/format.js';
import type { Lang } from '../lib/words.js';
import { useNow } from '@layso/ui-react';

export function TopBar({ centre, lang, serverOffset }: { centre: CentreInfo | null; lang: Lang; serverOffset: number }): ReactElement {
  useNow(1000); // re-render every second; read the time now, not when the timer last fired
  const now = Date.now() + serverOffset;
  const tz = centre?.timeZone ?? 'Asia/Ho_Chi_Minh';
  const first = lang === 'vi' ? centre?.nameVi : centre?.nameEn;
  const second = lang === 'vi' ? centre?.nameEn : centre?.nameVi;
  return (
    <header className="topbar">
      <div className="centre">
        <span className="vi">{first ?? 'Layso'}</span>
        {second ? <span className="en">{second}</span> : null}
      </div>
      <div className="clock" aria-label="clock">
        <div className="time">{clockTime(now, tz)}</div>
        <div className="date">{clockDate(now, tz, lang)}</div>
      </div>
    </header>
  );
}
