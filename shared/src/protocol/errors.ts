/**
 * Stable error codes. Only these leave the server; the UIs translate them. Anything unexpected is
 * logged and becomes `INTERNAL`.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'SERVICE_NOT_FOUND',
  'COUNTER_NOT_FOUND',
  'TICKET_NOT_FOUND',
  'USER_NOT_FOUND',
  'DEVICE_NOT_FOUND',
  'SERVICE_CLOSED',
  'PRIORITY_NOT_ALLOWED',
  'SERVICE_NOT_IN_AREA',
  'COUNTER_CLOSED',
  'COUNTER_PAUSED',
  'COUNTER_BUSY',
  'COUNTER_TAKEN',
  'NOT_YOUR_COUNTER',
  'NO_TICKET_IN_HAND',
  'QUEUE_EMPTY',
  'INVALID_STATE',
  'NOT_ELIGIBLE',
  /** The officer acted on a ticket that is no longer the one in hand (a key pressed twice). */
  'TICKET_CHANGED',
  /** The ticket is on hold: release it before calling it. */
  'TICKET_ON_HOLD',
  'REQUEST_ID_REUSED',
  /** No booking has this code. */
  'APPOINTMENT_NOT_FOUND',
  /** The booking was cancelled. */
  'APPOINTMENT_CANCELLED',
  /** The booking was already checked in. */
  'APPOINTMENT_USED',
  /** Before the check-in window: come back then, or take a walk-in ticket. */
  'APPOINTMENT_TOO_EARLY',
  /** Every place of the slot is taken (or the slot is not bookable). */
  'SLOT_FULL',
  /** This served ticket was already rated (from the phone or the counter's tablet). */
  'ALREADY_RATED',
  /** A low score needs at least one reason from the centre's list. */
  'RATING_REASON_REQUIRED',
  'RATE_LIMITED',
  /** An integration's API key was revoked by the admin. */
  'API_KEY_REVOKED',
  /** The API key lacks the scope this route needs (e.g. `appointments:write`). */
  'API_SCOPE_MISSING',
  'CONFLICT',
  'PAIRING_CODE_INVALID',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'STORAGE_FULL',
  'STORAGE_BUSY',
  'STORAGE_FAILED',
  /** A backup is being taken already (the daily one, or another "back up now"). */
  'BACKUP_RUNNING',
  /** The backup could not be written or did not pass its check; nothing was kept. */
  'BACKUP_FAILED',
  'HUB_INSECURE_URL',
  'HUB_UNREACHABLE',
  'HUB_CERT_MISMATCH',
  'INTERNAL',
] as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The error half of every ack and REST error body. */
export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** Every ack: `{ ok: true, data }` or `{ ok: false, error }`. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** A typed error thrown inside the server and turned into an ack at the boundary. */
export class LaysoError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LaysoError';
  }
}

/** Build a successful ack. */
export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

/** Build a failed ack. */
export function fail(code: ErrorCode, message: string): Ack<never> {
  return { ok: false, error: { code, message } };
}

/** Whether a value is one of the stable codes. */
export function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && (ERROR_CODES as readonly string[]).includes(v);
}

/** HTTP status for a code, for the REST routes. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'API_KEY_REVOKED':
      return 401;
    case 'FORBIDDEN':
    case 'API_SCOPE_MISSING':
    case 'NOT_YOUR_COUNTER':
      return 403;
    case 'SERVICE_NOT_FOUND':
    case 'COUNTER_NOT_FOUND':
    case 'TICKET_NOT_FOUND':
    case 'USER_NOT_FOUND':
    case 'DEVICE_NOT_FOUND':
    case 'NOT_FOUND':
    case 'APPOINTMENT_NOT_FOUND':
      return 404;
    case 'RATE_LIMITED':
    case 'ACCOUNT_LOCKED':
      return 429;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'STORAGE_FULL':
    case 'STORAGE_BUSY':
    case 'STORAGE_FAILED':
      return 503;
    case 'INTERNAL':
    case 'BACKUP_FAILED':
      return 500;
    default:
      return 409;
  }
}
