/**
 * Every stable error code the server may send, in words an officer understands. The table is
 * typed `Record<ErrorCode, …>`, so a code added to shared/src/protocol/errors.ts does not compile
 * here until it has words.
 */
import { type ErrorCode, isErrorCode } from '@layso/shared';
import { fill, type Lang, type Word } from './word.js';

/** Failures that never reach the server: no answer in time, or not connected. */
export type ClientErrorCode = 'TIMEOUT' | 'NETWORK';
export type AnyErrorCode = ErrorCode | ClientErrorCode;

export const ERROR_WORDS: Record<AnyErrorCode, Word> = {
  VALIDATION: { vi: 'Dữ liệu gửi đi không hợp lệ.', en: 'What was sent is not valid.' },
  UNAUTHENTICATED: { vi: 'Phiên làm việc đã hết, mời đăng nhập lại.', en: 'Your session ended; please sign in again.' },
  FORBIDDEN: { vi: 'Bạn không có quyền làm việc này.', en: 'You are not allowed to do this.' },
  INVALID_CREDENTIALS: { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' },
  ACCOUNT_LOCKED: {
    vi: 'Tài khoản tạm khoá do nhập sai nhiều lần. Thử lại sau ít phút.',
    en: 'The account is locked after too many wrong passwords. Try again in a few minutes.',
  },
  SERVICE_NOT_FOUND: { vi: 'Không tìm thấy dịch vụ này.', en: 'No such service.' },
  COUNTER_NOT_FOUND: { vi: 'Không tìm thấy quầy này.', en: 'No such counter.' },
  TICKET_NOT_FOUND: { vi: 'Không có số này trong hàng chờ.', en: 'That number is not in the queue.' },
  USER_NOT_FOUND: { vi: 'Không tìm thấy người dùng này.', en: 'No such user.' },
  DEVICE_NOT_FOUND: { vi: 'Không tìm thấy thiết bị này.', en: 'No such device.' },
  SERVICE_CLOSED: { vi: 'Dịch vụ này đang ngoài giờ hoặc đã tắt.', en: 'That service is closed now.' },
  PRIORITY_NOT_ALLOWED: { vi: 'Dịch vụ này không nhận số ưu tiên.', en: 'That service takes no priority tickets.' },
  SERVICE_NOT_IN_AREA: { vi: 'Dịch vụ này cấp số ở khu vực tiếp nhận khác.', en: 'That service is taken at another reception area.' },
  COUNTER_CLOSED: { vi: 'Quầy đang đóng. Hãy mở quầy trước.', en: 'The counter is closed. Open it first.' },
  COUNTER_PAUSED: { vi: 'Quầy đang tạm dừng. Bấm “Tiếp tục” để gọi số.', en: 'The counter is paused. Press “Resume” to call.' },
  COUNTER_BUSY: { vi: 'Quầy đang có số, hãy hoàn thành trước.', en: 'The counter has a ticket in hand; finish it first.' },
  COUNTER_TAKEN: { vi: 'Quầy này đang do cán bộ khác phụ trách.', en: 'Another officer is at this counter.' },
  NOT_YOUR_COUNTER: { vi: 'Đây không phải quầy của bạn.', en: 'This is not your counter.' },
  NO_TICKET_IN_HAND: { vi: 'Quầy chưa có số nào đang phục vụ.', en: 'The counter has no ticket in hand.' },
  QUEUE_EMPTY: { vi: 'Không còn ai chờ.', en: 'Nobody is waiting.' },
  INVALID_STATE: { vi: 'Số này không làm được việc đó ở trạng thái hiện tại.', en: 'Not possible for this ticket in its current state.' },
  NOT_ELIGIBLE: { vi: 'Số này không thuộc dịch vụ của quầy.', en: 'That number is not for this counter’s services.' },
  TICKET_CHANGED: { vi: 'Số trong tay quầy đã thay đổi. Xem lại rồi bấm lại.', en: 'The ticket in hand has changed. Check, then press again.' },
  TICKET_ON_HOLD: { vi: 'Số này đang được giữ lại. Bỏ giữ trước khi gọi.', en: 'That ticket is on hold. Release it before calling it.' },
  ALREADY_RATED: { vi: 'Lượt phục vụ này đã được đánh giá. Xin cảm ơn!', en: 'This visit was already rated. Thank you!' },
  RATING_REASON_REQUIRED: { vi: 'Mời chọn ít nhất một lý do.', en: 'Please choose at least one reason.' },
  REQUEST_ID_REUSED: { vi: 'Lệnh bị trùng. Hãy bấm lại.', en: 'Duplicate command. Press again.' },
  APPOINTMENT_NOT_FOUND: { vi: 'Không tìm thấy lịch hẹn với mã này.', en: 'No booking has this code.' },
  APPOINTMENT_CANCELLED: { vi: 'Lịch hẹn này đã bị huỷ.', en: 'This booking was cancelled.' },
  APPOINTMENT_USED: { vi: 'Lịch hẹn này đã được dùng để lấy số.', en: 'This booking was already checked in.' },
  APPOINTMENT_TOO_EARLY: { vi: 'Chưa đến giờ nhận số của lịch hẹn này.', en: 'Too early to check in this booking.' },
  SLOT_FULL: { vi: 'Khung giờ này đã hết chỗ.', en: 'This time slot is full.' },
  RATE_LIMITED: { vi: 'Thao tác quá nhanh. Chờ một chút rồi thử lại.', en: 'Too fast. Wait a moment and try again.' },
  API_KEY_REVOKED: { vi: 'Khoá API này đã bị thu hồi.', en: 'This API key was revoked.' },
  API_SCOPE_MISSING: { vi: 'Khoá API này không có quyền làm việc này.', en: 'This API key lacks the scope for this.' },
  CONFLICT: { vi: 'Dữ liệu đã bị thay đổi ở nơi khác. Hãy thử lại.', en: 'Changed elsewhere meanwhile. Try again.' },
  PAIRING_CODE_INVALID: { vi: 'Mã ghép nối không đúng hoặc đã hết hạn.', en: 'The pairing code is wrong or expired.' },
  NOT_FOUND: { vi: 'Không tìm thấy.', en: 'Not found.' },
  PAYLOAD_TOO_LARGE: { vi: 'Dữ liệu gửi lên quá lớn.', en: 'What was sent is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { vi: 'Dữ liệu gửi lên không đúng định dạng.', en: 'What was sent is in the wrong format.' },
  STORAGE_FULL: { vi: 'Ổ đĩa máy chủ đã đầy: chưa lưu được. Hãy báo bộ phận kỹ thuật.', en: 'The server disk is full: not saved. Call IT.' },
  STORAGE_BUSY: { vi: 'Cơ sở dữ liệu đang bận (đang sao lưu?): chưa lưu được, hãy thử lại.', en: 'The database is busy (a backup?): not saved, try again.' },
  STORAGE_FAILED: { vi: 'Lỗi ghi đĩa trên máy chủ: chưa lưu được. Hãy báo bộ phận kỹ thuật.', en: 'The server could not write to its disk: not saved. Call IT.' },
  BACKUP_RUNNING: { vi: 'Đang sao lưu rồi. Chờ xong rồi thử lại.', en: 'A backup is running already. Wait for it to finish.' },
  BACKUP_FAILED: {
    vi: 'Sao lưu không thành công. Kiểm tra chỗ trống trên ổ đĩa máy chủ rồi thử lại, hoặc báo bộ phận kỹ thuật.',
    en: 'The backup failed. Check the free space on the server disk and try again, or call IT.',
  },
  HUB_INSECURE_URL: { vi: 'Địa chỉ máy chủ tỉnh phải bắt đầu bằng https://.', en: 'The province hub address must start with https://.' },
  HUB_UNREACHABLE: { vi: 'Không kết nối được máy chủ tỉnh.', en: 'Cannot reach the province hub.' },
  HUB_CERT_MISMATCH: {
    vi: 'Chứng chỉ của máy chủ tỉnh khác với chứng chỉ đã ghi nhận khi đăng ký.',
    en: 'The province hub’s certificate differs from the one pinned at enrolment.',
  },
  INTERNAL: { vi: 'Máy chủ gặp lỗi. Hãy thử lại hoặc báo bộ phận kỹ thuật.', en: 'Server error. Try again or call IT.' },
  TIMEOUT: {
    vi: 'Máy chủ chưa trả lời. Bấm lại để thử lại — lệnh sẽ không bị làm hai lần.',
    en: 'The server has not answered. Press again to retry — it will not act twice.',
  },
  NETWORK: { vi: 'Không kết nối được máy chủ.', en: 'Cannot reach the server.' },
};

/** The words for a code; an unknown code (a newer server) gets the generic words. */
export function errorWords(code: string, lang: Lang, vars: Record<string, string | number> = {}): string {
  const known = isErrorCode(code) || code === 'TIMEOUT' || code === 'NETWORK';
  const w = known ? ERROR_WORDS[code as AnyErrorCode] : ERROR_WORDS.INTERNAL;
  return fill(w[lang], vars, lang);
}
