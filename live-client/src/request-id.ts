/**
 * A fresh request id (UUID v4), for every command a kiosk or an officer sends (the server answers
 * a retry with the same id with what the first attempt did). `crypto.randomUUID` exists only in
 * secure contexts (https or localhost), and a centre's LAN serves the apps over plain http, so it
 * is built from `getRandomValues`, which every browser offers everywhere.
 */
export function newRequestId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const b = random(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
