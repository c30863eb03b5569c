import type { ReactElement } from 'react';
import type { PairingView } from '@layso/live-client';

/** The pairing code as it is typed: one box a digit, the next one marked, read as "3 / 6". */
export function PairingCodeBoxes({ view }: { view: PairingView }): ReactElement {
  const typed = view.entry.digits.length;
  return (
    <div className="code-boxes" data-testid="pair-code" data-digits={typed} role="group" aria-label={`Mã ghép nối ${typed} / ${view.boxes.length} · Pairing code`}>
      {view.boxes.map((box, i) => (
        <span key={i} className={box.className}>
          {box.digit}
        </span>
      ))}
    </div>
  );
}
