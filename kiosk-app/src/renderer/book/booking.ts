/**
 * The booking page's pure helpers: its words (Vietnamese first, English second), times as the
 * centre's clock reads them, and the page's requests to `/api/book/…` read through the protocol's
 * schemas (a malformed answer is an error, never a guess).
 */
import { BookingOptions, BookingView, SlotList, type ErrorCode } from '@layso/shared';

export type Lang = 'vi' | 'en';
export interface Words {
  vi: string;
  en: string;
}

export const BOOK_WORDS = {
  title: { vi: 'Đặt lịch hẹn', en: 'Book a visit' },
  intro: {
    vi: 'Chọn dịch vụ, ngày và giờ. Bạn nhận một mã số và mã QR để quét tại máy lấy số khi đến.',
    en: 'Choose a service, a day and a time. You get a code and a QR code to scan at the kiosk when you come.',
  },
  service: { vi: '1. Dịch vụ', en: '1. Service' },
  day: { vi: '2. Ngày', en: '2. Day' },
  time: { vi: '3. Giờ', en: '3. Time' },
  contact: { vi: '4. Thông tin liên hệ', en: '4. Contact' },
  name: { vi: 'Họ và tên', en: 'Full name' },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
  contactNote: {
    vi: 'Chỉ dùng để liên hệ về lịch hẹn này và được xoá sau thời hạn lưu trữ của trung tâm.',
    en: 'Used only about this visit, and erased after the centre’s retention period.',
  },
  book: { vi: 'Đặt lịch', en: 'Book' },
  booking: { vi: 'Đang đặt…', en: 'Booking…' },
  placesLeft: { vi: 'còn {n} chỗ', en: '{n} left' },
  full: { vi: 'hết chỗ', en: 'full' },
  noSlots: { vi: 'Ngày này không còn giờ nào để đặt. Mời chọn ngày khác.', en: 'No times left on this day. Please choose another day.' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  closed: { vi: 'Trung tâm hiện không nhận đặt lịch hẹn.', en: 'The centre takes no bookings at the moment.' },
  booked: { vi: 'Đã đặt lịch hẹn', en: 'Your visit is booked' },
  yourCode: { vi: 'Mã lịch hẹn', en: 'Booking code' },
  qrLabel: { vi: 'Mã QR của lịch hẹn {code}', en: 'QR code of booking {code}' },
  showAtKiosk: {
    vi: 'Khi đến, quét mã QR này (hoặc nhập mã số) tại máy lấy số để nhận số thứ tự. Hãy chụp lại màn hình này.',
    en: 'When you come, scan this QR code (or type the code) at the kiosk to get your number. Take a screenshot of this page.',
  },
  window: {
    vi: 'Mời đến từ {from} đến {to}. Đến muộn hơn, bạn vẫn được cấp số thường.',
    en: 'Please come between {from} and {to}. Later, you still get a walk-in number.',
  },
  cancelLink: { vi: 'Đường dẫn huỷ lịch hẹn', en: 'Link to cancel this visit' },
  cancelQuestion: { vi: 'Huỷ lịch hẹn này?', en: 'Cancel this visit?' },
  cancel: { vi: 'Huỷ lịch hẹn', en: 'Cancel the visit' },
  cancelled: { vi: 'Lịch hẹn đã được huỷ.', en: 'The visit was cancelled.' },
  used: { vi: 'Lịch hẹn này đã được sử dụng tại máy lấy số.', en: 'This booking was already used at the kiosk.' },
  notFound: { vi: 'Không tìm thấy lịch hẹn này.', en: 'No such booking.' },
  bookAnother: { vi: 'Đặt lịch hẹn khác', en: 'Book another visit' },
  slotFull: { vi: 'Giờ này vừa hết chỗ. Mời chọn giờ khác.', en: 'That time was just taken. Please choose another.' },
  failed: { vi: 'Chưa đặt được. Mời thử lại sau ít phút.', en: 'The booking did not go through. Please try again in a moment.' },
  offline: { vi: 'Không kết nối được với trung tâm. Mời thử lại.', en: 'Cannot reach the centre. Please try again.' },
  invalidContact: { vi: 'Mời kiểm tra họ tên và số điện thoại.', en: 'Please check the name and phone number.' },
  when: { vi: 'Thời gian', en: 'When' },
  serviceLabel: { vi: 'Dịch vụ', en: 'Service' },
} satisfies Record<string, Words>;

export function fill(w: string, vars: Record<string, string | number>): string {
  return w.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** `08:30`: a time as the centre's clock reads it. */
export function clockOf(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

const WEEKDAYS: Record<Lang, string[]> = {
  vi: ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** `Thứ ba 10/03` for a business date `2026-03-10` (a calendar date: no time zone involved). */
export function dayLabel(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return `${WEEKDAYS[lang][weekday]} ${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}`;
}

/** What a request to the server gave: its data, or a stable code (`NETWORK` when no answer). */
export type Answer<T> = { ok: true; data: T } | { ok: false; code: ErrorCode | 'NETWORK' };

async function call<T>(parse: (x: unknown) => T, url: string, init?: RequestInit): Promise<Answer<T>> {
  let body: unknown;
  try {
    body = await (await fetch(url, init)).json();
  } catch {
    return { ok: false, code: 'NETWORK' };
  }
  const a = body as { ok?: unknown; data?: unknown; error?: { code?: unknown } };
  if (a.ok === true) {
    try {
      return { ok: true, data: parse(a.data) };
    } catch {
      return { ok: false, code: 'INTERNAL' };
    }
  }
  return { ok: false, code: typeof a.error?.code === 'string' ? (a.error.code as ErrorCode) : 'INTERNAL' };
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const api = {
  options: (origin: string) => call((x) => BookingOptions.parse(x), `${origin}/api/book/options`),
  slots: (origin: string, serviceId: string, date: string) =>
    call((x) => SlotList.parse(x), `${origin}/api/book/slots?serviceId=${encodeURIComponent(serviceId)}&date=${encodeURIComponent(date)}`),
  book: (origin: string, body: { serviceId: string; slotAt: number; name?: string; phone?: string }) =>
    call((x) => BookingView.parse(x), `${origin}/api/book`, json(body)),
  get: (origin: string, id: string) => call((x) => BookingView.parse(x), `${origin}/api/book/${encodeURIComponent(id)}`),
  cancel: (origin: string, id: string) => call((x) => BookingView.parse(x), `${origin}/api/book/${encodeURIComponent(id)}/cancel`, json({})),
};
