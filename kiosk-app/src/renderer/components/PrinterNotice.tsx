/**
 * Said on the home screen before the tap while the printer is known to be out of paper or not
 * working: what is wrong, and how the citizen gets the number instead (on the screen, with a QR
 * code to photograph or scan).
 */
import type { ReactElement } from 'react';
import { WORDS, printerProblemWords, type Lang } from '../lib/words.js';
import { Bi } from './Bi.js';
import { PrinterIcon } from './Icons.js';

export function PrinterNotice({ code, lang }: { code: string; lang: Lang }): ReactElement {
  return (
    <div className="printer-notice" role="status" data-testid="printer-notice" data-code={code}>
      <PrinterIcon className="printer-notice-icon" />
      <div className="printer-notice-text">
        <Bi words={printerProblemWords(code)} lang={lang} className="printer-notice-title" />
        <Bi words={WORDS.printerInstead} lang={lang} className="printer-notice-hint" />
      </div>
    </div>
  );
}
