/** The ticket's tracking link as a QR code, drawn as SVG; the link is kept in `data-qr-url`. */
import { useMemo, type ReactElement } from 'react';
import { qrMatrix, qrPath } from '../lib/qr.js';

export function QrCode({ url, className, label }: { url: string; className?: string; label: string }): ReactElement {
  const { size, d } = useMemo(() => {
    const m = qrMatrix(url);
    return { size: m.size + 8, d: qrPath(m, 4) };
  }, [url]);
  return (
    <svg
      className={className}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      data-qr-url={url}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
