/**
 * The centre's backups as the admin screen shows them (`GET /api/admin/backups`, manager and
 * admin) and "back up now" (`POST /api/admin/backups`, admin, audited as storage.backup_taken).
 */
import { z } from 'zod';

export const BackupFile = z.object({
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  /** When it was written (epoch ms). */
  at: z.number(),
  /** It passed SQLite's quick_check when written, and is the size it was then. */
  verified: z.boolean(),
  /** `daily` (kept BackupList.keep days), `now` (the admin's "back up now", the last keepNow kept), `manual` (`npm run backup` into the folder: never deleted). */
  kind: z.enum(['daily', 'now', 'manual']),
});
export type BackupFile = z.infer<typeof BackupFile>;

export const BackupList = z.object({
  /** Where they are, on the server PC. */
  dir: z.string(),
  /** One daily backup per business day, looked for this often (ms) and first a minute after start. */
  checkEveryMs: z.number(),
  /** Daily backups kept (the oldest deleted beyond). */
  keep: z.number().int(),
  /** "Back up now" copies kept. */
  keepNow: z.number().int(),
  running: z.boolean(),
  lastSuccessAt: z.number().nullable(),
  /** The last failure, until a backup succeeds again. */
  lastFailure: z.object({ at: z.number(), message: z.string() }).nullable(),
  /** Newest first. */
  backups: z.array(BackupFile),
});
export type BackupList = z.infer<typeof BackupList>;
