/**
 * Error words that depend on what was being done: the server's CONFLICT means "numbers overlap"
 * when saving a service but "tickets are still live" when deleting one. Anything not listed here
 * uses the general words of errors.ts.
 */
import type { Word, Lang } from './word.js';
import { type AnyErrorCode, errorWords } from './errors.js';

export type ErrorContext =
  | 'saveService'
  | 'deleteService'
  | 'saveCounter'
  | 'deleteCounter'
  | 'createUser'
  | 'updateUser'
  | 'saveSettings'
  | 'saveDevice'
  | 'revokeDevice'
  | 'pairing'
  | 'provinceEnrol'
  | 'backupNow'
  | 'apiKey'
  | 'webhook'
  | 'book'
  | 'load'
  | 'report'
  | 'export';

export const ERRORS_IN: Partial<Record<ErrorContext, Partial<Record<AnyErrorCode, Word>>>> = {
  provinceEnrol: {
    PAIRING_CODE_INVALID: { vi: 'Mã đăng ký không đúng, đã dùng hoặc đã hết hạn. Xin quản trị tỉnh cấp mã mới.', en: 'The enrolment code is wrong, used or expired. Ask the province admin for a new one.' },
  },
  saveService: {
    CONFLICT: {
      vi: 'Không lưu được: dải số hoặc chữ cái trùng với dịch vụ khác, hoặc dịch vụ đã cấp số hôm nay nên chưa đổi được cách đánh số (đổi sau khi hết ngày).',
      en: 'Not saved: the numbers overlap another service’s, or the service has given numbers today so its numbering cannot change until the day closes.',
    },
  },
  deleteService: {
    CONFLICT: {
      vi: 'Chưa xoá được: dịch vụ còn số đang chờ, đang gọi hoặc vắng mặt hôm nay. Hãy tắt dịch vụ, đợi hết hàng chờ rồi xoá.',
      en: 'Not deleted: the service still has tickets waiting, called or no-show today. Disable it, let the queue finish, then delete it.',
    },
  },
  saveCounter: {
    CONFLICT: { vi: 'Không lưu được: số quầy này đã có.', en: 'Not saved: that counter number is taken.' },
    SERVICE_NOT_FOUND: { vi: 'Không lưu được: một dịch vụ đã chọn không còn nữa.', en: 'Not saved: a chosen service no longer exists.' },
  },
  deleteCounter: {
    COUNTER_BUSY: { vi: 'Chưa xoá được: quầy đang mở hoặc đang có số. Hãy đóng quầy trước.', en: 'Not deleted: the counter is open or has a ticket. Close it first.' },
    CONFLICT: {
      vi: 'Chưa xoá được: có số đang chờ được chuyển riêng cho quầy này.',
      en: 'Not deleted: tickets wait that were transferred to this counter only.',
    },
  },
  createUser: {
    CONFLICT: { vi: 'Tên đăng nhập này đã có.', en: 'That username is taken.' },
  },
  updateUser: {
    CONFLICT: {
      vi: 'Không làm được: đây là quản trị viên cuối cùng. Hãy tạo hoặc cấp quyền cho một quản trị viên khác trước.',
      en: 'Not possible: this is the last administrator. Make another administrator first.',
    },
  },
  saveSettings: {
    CONFLICT: { vi: 'Không lưu được: mã trung tâm không đổi được.', en: 'Not saved: the centre id cannot change.' },
  },
};

/** The words for an error met while doing `context`. */
export function errorIn(context: ErrorContext, code: string, lang: Lang): string {
  const w = ERRORS_IN[context]?.[code as AnyErrorCode];
  return w ? w[lang] : errorWords(code, lang);
}
