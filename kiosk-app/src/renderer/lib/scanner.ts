/**
 * The kiosk's barcode reader is a USB scanner that types like a keyboard: a burst of characters a
 * few milliseconds apart, then Enter. A person types at least ~80 ms apart. `ScanDetector` is fed
 * every key press with its time and returns the scanned text when a fast burst ends with Enter;
 * slow keys are dropped (a person's typing, or a stray key), so the kiosk can listen on every
 * screen without taking a visitor's taps or keys for a scan.
 */

/**
 * Keys of one scan come on average at most this far apart (scanners: 1–20 ms; a person: 100 ms
 * and more; a busy PC may hold a scanner's key back now and then, so one gap may be longer) …
 */
export const SCAN_MAX_AVG_MS = 60;
/** … and never this far: a longer pause starts afresh (a person's keys, or a stray key). */
export const SCAN_MAX_GAP_MS = 150;
/** Shorter bursts are not scans (a six-digit booking code is the shortest code). */
export const SCAN_MIN_LENGTH = 4;
/** Longer is not a code any scanner here reads (a CCCD QR is about 150 characters). */
export const SCAN_MAX_LENGTH = 500;

export class ScanDetector {
  private buffer = '';
  private first = 0;
  private last = -Infinity;

  /** One key press (`KeyboardEvent.key`) at `at` ms; returns the scanned text when one ends. */
  key(key: string, at: number): string | null {
    const joined = at - this.last <= SCAN_MAX_GAP_MS;
    this.last = at;
    if (key === 'Enter') {
      const text = joined ? this.buffer : '';
      const fast = text.length > 0 && (at - this.first) / text.length <= SCAN_MAX_AVG_MS;
      this.buffer = '';
      return fast && text.length >= SCAN_MIN_LENGTH ? text : null;
    }
    // Shift, Alt … come with the characters of a scan: they neither add nor break the burst.
    if (key.length !== 1) return null;
    if (joined && this.buffer.length > 0 && this.buffer.length < SCAN_MAX_LENGTH) this.buffer += key;
    else {
      this.buffer = key;
      this.first = at;
    }
    return null;
  }

  reset(): void {
    this.buffer = '';
    this.last = -Infinity;
  }
}
