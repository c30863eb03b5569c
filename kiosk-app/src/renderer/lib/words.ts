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
  checkInButton: w('Đã đặt lịch hẹn / Nhận kết quả', 'Booked a visit / Collect a result'),
  checkInTitle: w('Quét mã lịch hẹn hoặc mã hồ sơ', 'Scan your booking or dossier code'),
  checkInHint: w(
    'Đưa mã QR lịch hẹn hoặc mã vạch trên giấy hẹn trả kết quả vào máy đọc, hoặc nhập mã bên dưới',
    'Hold the booking QR code or the barcode on your results receipt to the reader, or type the code below',
  ),
  codeLabel: w('Mã lịch hẹn hoặc mã hồ sơ', 'Booking or dossier code'),
  send: w('Lấy số', 'Get a number'),
  clear: w('Xoá', 'Clear'),
  deleteLast: w('Xoá một ký tự', 'Delete one character'),
  letters: w('Chữ cái', 'Letters'),
  digits: w('Chữ số', 'Digits'),
  checkingIn: w('Đang kiểm tra mã…', 'Checking the code…'),
  kept: w('Đúng giờ hẹn: số của bạn được gọi theo giờ hẹn', 'On time: your number is called at your booked time'),
  late: w(
    'Bạn đến sau giờ hẹn, nên được cấp số thường. Mong bạn thông cảm.',
    'You came after your booked time, so this is a walk-in number. Thank you for understanding.',
  ),
  earlyTaken: w('Bạn đã chọn lấy số thường', 'You chose a walk-in number'),
  resultReady: w('Kết quả hồ sơ đã sẵn sàng', 'Your result is ready'),
  resultNotReady: w(
    'Chưa có thông báo kết quả sẵn sàng. Cán bộ sẽ kiểm tra giúp bạn.',
    'The result is not reported ready yet. An officer will check for you.',
  ),
  earlyTitle: w('Bạn đến sớm hơn giờ hẹn', 'You are early for your booking'),
  earlyWhen: w('Giờ hẹn {slot}. Từ {from} bạn quét lại mã để nhận số theo lịch hẹn.', 'Booked for {slot}. From {from} scan again for your booked number.'),
  earlyWait: w('Chờ đến giờ hẹn', 'Wait for my time'),
  earlyWalkIn: w('Lấy số thường ngay', 'Take a walk-in number now'),
  bookingNotFound: w('Không tìm thấy lịch hẹn này', 'No booking has this code'),
  bookingNotFoundHint: w('Mời kiểm tra lại mã hoặc hỏi quầy hướng dẫn.', 'Please check the code or ask at the information desk.'),
  bookingCancelled: w('Lịch hẹn này đã được huỷ', 'This booking was cancelled'),
  bookingUsed: w('Lịch hẹn này đã được dùng để lấy số', 'This booking was already used for a number'),
  unknownCode: w('Máy chưa đọc được mã này', 'This code could not be read'),
  cardRead: w('Đã đọc thẻ căn cước', 'ID card read'),
  cardElderly: w('Bạn được ưu tiên: Người cao tuổi. Mời chọn dịch vụ.', 'You have priority: Elderly. Please choose a service.'),
  cardNone: w('Mời chọn dịch vụ.', 'Please choose a service.'),
  byCard: w('Theo thẻ căn cước', 'From your ID card'),
} satisfies Record<string, Words>;

/** Ưu tiên: the four categories, in UX.md's words (defined once, in shared). */
export const PRIORITY_WORDS: Readonly<Record<PriorityCategory, Words>> = PRIORITY_LABELS;

/** The screen a failed issue leads to. */
export type IssueProblem =
  | 'rateLimited'
  | 'serviceClosed'
  | 'offline'
  | 'failed'
  | 'bookingNotFound'
  | 'bookingCancelled'
  | 'bookingUsed'
  | 'unknownCode';

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
    case 'APPOINTMENT_NOT_FOUND':
      return 'bookingNotFound';
    case 'APPOINTMENT_CANCELLED':
      return 'bookingCancelled';
    case 'APPOINTMENT_USED':
      return 'bookingUsed';
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
