import { useCallback, useState } from 'react';

/** What the kiosk knows of its printer's trouble, kept across a reload (localStorage). */
export interface PrinterProblem {
  /** `PRINTER_PAPER_OUT`, `PRINTER_OFFLINE` … */
  code: string;
  since: number;
}

const KEY = 'layso.kiosk.printerProblem';

function read(storage: Storage): PrinterProblem | null {
  try {
    const raw: unknown = JSON.parse(storage.getItem(KEY) ?? 'null');
    if (raw && typeof raw === 'object' && typeof (raw as PrinterProblem).code === 'string' && typeof (raw as PrinterProblem).since === 'number') {
      return { code: (raw as PrinterProblem).code, since: (raw as PrinterProblem).since };
    }
  } catch {
    // A damaged entry is no knowledge.
  }
  return null;
}

/**
 * The printer's known trouble: set when a print fails, cleared when one succeeds. Remembered
 * across a reload, so the home screen can say so before the next citizen taps.
 */
export function usePrinterProblem(storage: Storage = localStorage): {
  problem: PrinterProblem | null;
  failed: (code: string) => void;
  recovered: () => void;
} {
  const [problem, setProblem] = useState<PrinterProblem | null>(() => read(storage));
  const failed = useCallback(
    (code: string) => {
      const p = { code, since: Date.now() };
      storage.setItem(KEY, JSON.stringify(p));
      setProblem(p);
    },
    [storage],
  );
  const recovered = useCallback(() => {
    storage.removeItem(KEY);
    setProblem(null);
  }, [storage]);
  return { problem, failed, recovered };
}
