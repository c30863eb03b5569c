/**
 * Every word the kiosk shows, Vietnamese and English, from the word table of UX.md where it has
 * one. The screen shows the chosen language large and the other beneath it.
 */
import {
  PRIORITY_LABELS,
  estimateWords as sharedEstimate,
  peopleAheadWords as sharedPeopleAhead,
  priorityMarkVi,
  type ErrorCode,
  type PriorityCategory,
} from '@layso/shared';

export type Lang = 'vi' | 'en';
export interface Words {
  vi: string;
  en: string;
}

const w = (vi: string, en: string): Words => ({ vi, en });

export const WORDS = {
  chooseService: w('Mời chọn dịch vụ', 'Please choose a service'),
  moreServices: w('Dịch vụ khác', 'Other services'),
  back: w('Quay lại', 'Back'),
  nextPage: w('Trang sau', 'Next page'),
  previousPage: w('Trang trước', 'Previous page'),
  closed: w('Ngoài giờ cấp số', 'Not issuing now'),
  hours: w('Giờ cấp số', 'Hours'),
  waiting: w('Đang chờ', 'Waiting'),
  priorityQuestion: w('Ưu tiên?', 'Priority?'),
  priorityHint: w(
    'Nếu bạn thuộc một nhóm dưới đây, mời chọn nhóm đó',
    'If you belong to one of these groups, please choose it',
  ),
  noPriority: w('Không ưu tiên', 'No priority'),
  priority: w('Ưu tiên', 'Priority'),
  issuing: w('Đang lấy số…', 'Taking a number…'),
  yourNumber: w('Số thứ tự', 'Ticket number'),
  printing: w('Đang in vé…', 'Printing your ticket…'),
  takeTicket: w('Mời nhận vé', 'Please take your ticket'),
  noPrinter: w(
    'Vui lòng chụp ảnh mã QR hoặc nhớ số thứ tự',
    'Please photograph the QR code or remember your number',
  ),
  printerOut: w('Máy in hết giấy', 'Printer out of paper'),
  printerFailed: w('Máy in đang gặp sự cố', 'The printer is not working'),
  printerAdvice: w(
    'Vui lòng chụp ảnh mã QR hoặc nhớ số, liên hệ quầy hướng dẫn',
    'Please photograph the QR code or remember your number, and ask at the information desk',
  ),
  printerInstead: w(
    'Vẫn lấy số được: số của bạn hiện trên màn hình kèm mã QR — mời chụp ảnh hoặc quét mã để theo dõi',
    'You can still take a number: it is shown on the screen with a QR code — photograph it or scan it to follow your turn',
  ),
  scanToFollow: w('Quét mã để theo dõi lượt trên điện thoại', 'Scan to follow your turn on your phone'),
  done: w('Xong', 'Done'),
  paused: w('Tạm ngưng cấp số', 'Ticket issuing paused'),
  pausedHint: w(
    'Máy lấy số đang kết nối lại với hệ thống. Xin vui lòng chờ trong giây lát.',
    'The kiosk is reconnecting to the system. Please wait a moment.',
  ),
  rateLimited: w('Vui lòng đợi trong giây lát', 'Please wait a moment'),
  rateLimitedHint: w(
    'Máy vừa cấp nhiều số liên tiếp. Mời bạn thử lại sau ít phút.',
    'Many numbers were just taken here. Please try again in a minute.',
  ),
  serviceClosed: w('Dịch vụ này đang ngừng cấp số', 'This service is not issuing numbers now'),
  failed: w('Chưa lấy được số', 'Could not take a number'),
  failedHint: w('Mời bạn thử lại hoặc hỏi quầy hướng dẫn.', 'Please try again or ask at the information desk.'),
  touchToContinue: w('Chạm vào màn hình để tiếp tục', 'Touch the screen to continue'),
  noCounterOpen: w('chưa có quầy mở', 'no counter open'),
} satisfies Record<string, Words>;

/** Ưu tiên: the four categories, in UX.md's words (defined once, in shared). */
export const PRIORITY_WORDS: Readonly<Record<PriorityCategory, Words>> = PRIORITY_LABELS;

/** The screen a failed issue leads to. */
export type IssueProblem = 'rateLimited' | 'serviceClosed' | 'offline' | 'failed';

/** Which problem screen an error code shows. */
export function problemOfError(code: ErrorCode | 'TIMEOUT' | 'OFFLINE'): IssueProblem {
  switch (code) {
    case 'RATE_LIMITED':
      return 'rateLimited';
    case 'SERVICE_CLOSED':
    case 'SERVICE_NOT_FOUND':
    case 'PRIORITY_NOT_ALLOWED':
    case 'SERVICE_NOT_IN_AREA': // the admin moved the service to another area meanwhile
      return 'serviceClosed';
    case 'TIMEOUT':
    case 'OFFLINE':
      return 'offline';
    default:
      return 'failed';
  }
}

/** "Còn 4 người trước bạn" / "4 people ahead of you": one wording everywhere (shared). */
export function peopleAheadWords(n: number): Words {
  return sharedPeopleAhead(n);
}

/** "khoảng 12 phút" / "about 12 min"; null when no counter serves the service now. */
export function estimateWords(minutes: number | null): Words {
  if (minutes === null) return WORDS.noCounterOpen;
  return sharedEstimate(minutes);
}

/** The line beneath a service button: "Đang chờ: 5 · khoảng 12 phút". */
export function queueLineWords(waiting: number, estimateMinutes: number | null): Words {
  const e = estimateWords(estimateMinutes);
  return w(`Đang chờ: ${waiting} · ${e.vi}`, `Waiting: ${waiting} · ${e.en}`);
}

/** "Thời gian chờ khoảng 12 phút" on the confirmation. */
export function waitWords(minutes: number | null): Words {
  if (minutes === null) return w('Chưa có quầy mở cho dịch vụ này', 'No counter is open for this service yet');
  const e = estimateWords(minutes);
  return w(`Thời gian chờ ${e.vi}`, `Waiting time ${e.en}`);
}

/** The label printed on a priority ticket, as the ticket layout expects it. */
export function priorityTicketLabel(p: PriorityCategory | null): string | null {
  return p ? priorityMarkVi(p) : null;
}

/** The printer problem's headline for a printer error code. */
export function printerProblemWords(code: string | undefined): Words {
  return code === 'PRINTER_PAPER_OUT' ? WORDS.printerOut : WORDS.printerFailed;
}
