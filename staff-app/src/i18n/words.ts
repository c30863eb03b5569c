/**
 * Every word the staff app shows, Vietnamese first. The officer-action words are UX.md's word
 * table verbatim; keep them in step with it.
 */
import { formatNumber } from '@layso/shared';
import { ADMIN_WORDS } from './admin-words.js';
import { REPORT_WORDS } from './report-words.js';

export type Lang = 'vi' | 'en';

export interface Word {
  vi: string;
  en: string;
}

export const WORDS = {
  // sign-in
  signInTitle: { vi: 'Đăng nhập', en: 'Sign in' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  signIn: { vi: 'Đăng nhập', en: 'Sign in' },
  signingIn: { vi: 'Đang đăng nhập…', en: 'Signing in…' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  sessionEnded: { vi: 'Phiên làm việc đã hết, mời đăng nhập lại.', en: 'Your session ended; please sign in again.' },
  // navigation
  navCounter: { vi: 'Quầy', en: 'Counter' },
  navBoard: { vi: 'Bảng theo dõi', en: 'Live board' },
  navAdmin: { vi: 'Quản trị', en: 'Administration' },
  navReports: { vi: 'Báo cáo', en: 'Reports' },
  notFound: { vi: 'Không có trang này.', en: 'No such page.' },
  managersOnly: { vi: 'Trang này dành cho quản lý.', en: 'This page is for managers.' },
  connecting: { vi: 'Đang kết nối…', en: 'Connecting…' },
  connected: { vi: 'Đã kết nối', en: 'Connected' },
  connectionLost: { vi: 'Mất kết nối — đang kết nối lại', en: 'Connection lost — reconnecting' },
  // counters
  counter: { vi: 'Quầy', en: 'Counter' },
  chooseCounter: { vi: 'Chọn quầy làm việc', en: 'Choose your counter' },
  chooseCounterHint: {
    vi: 'Bấm vào quầy bạn ngồi để mở quầy.',
    en: 'Click the counter you sit at to open it.',
  },
  stateOpen: { vi: 'Đang mở', en: 'Open' },
  statePaused: { vi: 'Tạm dừng', en: 'Paused' },
  stateClosed: { vi: 'Đóng', en: 'Closed' },
  noOfficer: { vi: 'Chưa có cán bộ', en: 'No officer' },
  openCounter: { vi: 'Mở quầy', en: 'Open counter' },
  openingCounter: { vi: 'Đang mở quầy…', en: 'Opening…' },
  watchCounter: { vi: 'Xem quầy này', en: 'Watch this counter' },
  goToCounter: { vi: 'Vào quầy', en: 'Go to counter' },
  yourCounter: { vi: 'Quầy của bạn', en: 'Your counter' },
  takenBy: { vi: 'Do {name} phụ trách', en: 'Staffed by {name}' },
  notYourCounterBanner: {
    vi: 'Quầy {n} đang do {name} phụ trách. Bạn chỉ xem được, không thao tác được.',
    en: 'Counter {n} is staffed by {name}. You can watch it but not act on it.',
  },
  actingForBanner: {
    vi: 'Bạn đang thao tác trên quầy {n} của {name} (quyền quản lý).',
    en: 'You are acting on counter {n}, staffed by {name} (manager rights).',
  },
  counterClosedBanner: {
    vi: 'Quầy {n} đang đóng. Mở quầy để bắt đầu gọi số.',
    en: 'Counter {n} is closed. Open it to start calling.',
  },
  pausedBanner: { vi: 'Quầy đang tạm dừng: {reason}', en: 'Counter paused: {reason}' },
  allCounters: { vi: 'Tất cả các quầy', en: 'All counters' },
  services: { vi: 'Dịch vụ', en: 'Services' },
  // ticket in hand
  ticketInHand: { vi: 'Số đang phục vụ', en: 'Ticket in hand' },
  noTicketInHand: { vi: 'Chưa có số nào', en: 'No ticket in hand' },
  noTicketHint: {
    vi: 'Bấm “Gọi số tiếp” để mời công dân tiếp theo.',
    en: 'Press “Call next” to invite the next citizen.',
  },
  ticketCalled: { vi: 'Đã gọi — chờ công dân đến', en: 'Called — waiting for the citizen' },
  calledShort: { vi: 'Đã gọi', en: 'Called' },
  ticketServing: { vi: 'Đang phục vụ', en: 'Now serving' },
  calledTimes: { vi: 'Đã gọi {n} lần', en: 'Called {n} times' },
  sinceCall: { vi: 'Từ lúc gọi', en: 'Since the call' },
  sinceStart: { vi: 'Thời gian phục vụ', en: 'Serving for' },
  note: { vi: 'Ghi chú', en: 'Note' },
  noPriority: { vi: 'Không ưu tiên', en: 'No priority' },
  priority: { vi: 'Ưu tiên', en: 'Priority' },
  prio_elderly: { vi: 'Người cao tuổi', en: 'Elderly' },
  prio_disabled: { vi: 'Người khuyết tật', en: 'Disabled' },
  prio_pregnant_or_child: { vi: 'Phụ nữ mang thai hoặc có con nhỏ', en: 'Pregnant or with a small child' },
  prio_veteran: { vi: 'Người có công với cách mạng', en: 'Veterans' },
  // actions (UX.md word table)
  act_callNext: { vi: 'Gọi số tiếp', en: 'Call next' },
  act_doneAndCallNext: { vi: 'Hoàn thành & gọi tiếp', en: 'Done & call next' },
  act_recall: { vi: 'Gọi lại', en: 'Recall' },
  act_start: { vi: 'Bắt đầu', en: 'Start' },
  act_done: { vi: 'Hoàn thành', en: 'Done' },
  act_noShow: { vi: 'Vắng mặt', en: 'No-show' },
  act_transfer: { vi: 'Chuyển', en: 'Transfer' },
  act_callNumber: { vi: 'Gọi số…', en: 'Call a number…' },
  act_note: { vi: 'Ghi chú', en: 'Note' },
  act_pause: { vi: 'Tạm dừng', en: 'Pause' },
  act_resume: { vi: 'Tiếp tục', en: 'Resume' },
  act_close: { vi: 'Đóng quầy', en: 'Close counter' },
  // pending labels: shown on the button the instant it is pressed
  pend_callNext: { vi: 'Đang gọi…', en: 'Calling…' },
  pend_doneAndCallNext: { vi: 'Đang gọi…', en: 'Calling…' },
  pend_recall: { vi: 'Đang gọi lại…', en: 'Recalling…' },
  pend_start: { vi: 'Đang bắt đầu…', en: 'Starting…' },
  pend_done: { vi: 'Đang hoàn thành…', en: 'Finishing…' },
  pend_noShow: { vi: 'Đang ghi vắng…', en: 'Marking…' },
  pend_transfer: { vi: 'Đang chuyển…', en: 'Transferring…' },
  pend_callNumber: { vi: 'Đang gọi…', en: 'Calling…' },
  pend_note: { vi: 'Đang lưu…', en: 'Saving…' },
  pend_pause: { vi: 'Đang tạm dừng…', en: 'Pausing…' },
  pend_resume: { vi: 'Đang mở lại…', en: 'Resuming…' },
  pend_close: { vi: 'Đang đóng…', en: 'Closing…' },
  pend_requeue: { vi: 'Đang đưa vào hàng…', en: 'Requeueing…' },
  requeue: { vi: 'Gọi lại vào hàng', en: 'Back in line' },
  // feedback after a command
  done_called: { vi: 'Đã gọi số {number}', en: 'Called number {number}' },
  done_recalled: { vi: 'Đã gọi lại số {number}', en: 'Recalled number {number}' },
  done_transferred: { vi: 'Đã chuyển số {number}', en: 'Transferred number {number}' },
  done_requeued: { vi: 'Số {number} đã vào lại hàng chờ', en: 'Number {number} is back in line' },
  // side panels
  waitingNow: { vi: 'Đang chờ', en: 'Waiting' },
  waitingPriorityShort: { vi: 'ưu tiên', en: 'priority' },
  nextInLine: { vi: 'Sắp tới lượt', en: 'Next in line' },
  nobodyWaiting: { vi: 'Không còn ai chờ', en: 'Nobody is waiting' },
  noShowsToday: { vi: 'Vắng mặt hôm nay', en: "Today's no-shows" },
  noNoShows: { vi: 'Chưa có ai vắng mặt', en: 'No no-shows yet' },
  transferredMark: { vi: 'chuyển đến', en: 'transferred' },
  minutesShort: { vi: '{n} phút', en: '{n} min' },
  keysTitle: { vi: 'Phím tắt', en: 'Keyboard' },
  keysHelp: {
    vi: 'Bấm phím số (hàng số hoặc bàn phím số) in trên mỗi nút. Esc đóng hộp thoại.',
    en: 'Press the number key printed on each button (top row or keypad). Esc closes a dialog.',
  },
  // dialogs
  cancel: { vi: 'Huỷ', en: 'Cancel' },
  save: { vi: 'Lưu', en: 'Save' },
  pauseTitle: { vi: 'Tạm dừng quầy', en: 'Pause the counter' },
  pauseReason: { vi: 'Lý do', en: 'Reason' },
  reasonMeeting: { vi: 'Họp', en: 'Meeting' },
  reasonLunch: { vi: 'Nghỉ trưa', en: 'Lunch break' },
  reasonOther: { vi: 'Công việc khác', en: 'Other work' },
  reasonTyped: { vi: 'Lý do khác (gõ vào)', en: 'Another reason (type it)' },
  closeTitle: { vi: 'Đóng quầy {n}?', en: 'Close counter {n}?' },
  closeBody: {
    vi: 'Quầy sẽ không nhận số mới cho đến khi mở lại.',
    en: 'The counter takes no new tickets until it is opened again.',
  },
  callNumberTitle: { vi: 'Gọi một số cụ thể', en: 'Call a given number' },
  callNumberLabel: { vi: 'Số thứ tự', en: 'Ticket number' },
  callThisNumber: { vi: 'Gọi số này', en: 'Call this number' },
  callNumberHint: {
    vi: 'Dùng khi công dân đã đến muộn hoặc quay lại (số đang chờ hoặc vắng mặt).',
    en: 'For a citizen who came back (a waiting or no-show number).',
  },
  noteTitle: { vi: 'Ghi chú cho số {number}', en: 'Note on number {number}' },
  transferTitle: { vi: 'Chuyển số {number}', en: 'Transfer number {number}' },
  transferTo: { vi: 'Chuyển đến', en: 'Transfer to' },
  toService: { vi: 'Dịch vụ khác', en: 'Another service' },
  toCounter: { vi: 'Một quầy cụ thể', en: 'One counter' },
  position: { vi: 'Vị trí trong hàng', en: 'Place in line' },
  posOriginal: { vi: 'Theo giờ lấy số ban đầu', en: 'By original issue time' },
  posFront: { vi: 'Lên đầu hàng', en: 'Front of the line' },
  posBack: { vi: 'Xuống cuối hàng', en: 'Back of the line' },
  priorityChange: { vi: 'Diện ưu tiên', en: 'Priority' },
  keepPriority: { vi: 'Giữ nguyên', en: 'Keep as is' },
  counterClosedShort: { vi: 'đang đóng', en: 'closed' },
  // board
  boardTitle: { vi: 'Bảng theo dõi trực tiếp', en: 'Live board' },
  waitingPerService: { vi: 'Số người đang chờ theo dịch vụ', en: 'Waiting per service' },
  legendNormal: { vi: 'Thường', en: 'Normal' },
  legendPriority: { vi: 'Ưu tiên', en: 'Priority' },
  legendOver: { vi: 'Chờ quá ngưỡng', en: 'Over the wait threshold' },
  servicesOverThreshold: { vi: '{n} dịch vụ có người chờ quá ngưỡng', en: '{n} services past their wait threshold' },
  overThreshold: { vi: 'Quá {n} phút', en: 'Over {n} min' },
  colService: { vi: 'Dịch vụ', en: 'Service' },
  colWaiting: { vi: 'Đang chờ', en: 'Waiting' },
  colLongest: { vi: 'Chờ lâu nhất', en: 'Longest wait' },
  colEstimate: { vi: 'Ước tính cho số mới', en: 'Estimate for a new ticket' },
  colOpenCounters: { vi: 'Quầy đang mở', en: 'Open counters' },
  colThreshold: { vi: 'Ngưỡng', en: 'Threshold' },
  countersTitle: { vi: 'Các quầy', en: 'Counters' },
  servicesTitle: { vi: 'Các dịch vụ', en: 'Services' },
  idle: { vi: 'Đang rảnh', en: 'Idle' },
  alertsTitle: { vi: 'Cảnh báo', en: 'Alerts' },
  noAlerts: { vi: 'Chưa có cảnh báo nào từ lúc mở trang.', en: 'No alerts since this page opened.' },
  alert_long_wait: { vi: 'Chờ lâu', en: 'Long wait' },
  alert_printer: { vi: 'Máy in', en: 'Printer' },
  alert_numbering_overflow: { vi: 'Vượt dải số', en: 'Numbering overflow' },
  alert_device: { vi: 'Thiết bị', en: 'Device' },
  alert_storage: { vi: 'Ổ đĩa máy chủ', en: 'Server disk' },
  alert_settings: { vi: 'Cài đặt', en: 'Settings' },
  alert_integrity: { vi: 'Kiểm tra dữ liệu', en: 'Data check' },
  alert_backup: { vi: 'Sao lưu', en: 'Backup' },
  alert_no_counter: { vi: 'Không có quầy mở', en: 'No counter open' },
  alertEnded: { vi: 'đã hết', en: 'over' },
  alertAck: { vi: 'Đã xem', en: 'Seen' },
  alertAckedBy: { vi: 'Đã xem: {name}', en: 'Seen by {name}' },
  devicesTitle: { vi: 'Ki-ốt và màn hình đang kết nối', en: 'Connected kiosks and displays' },
  issuingPaused: { vi: 'Tạm ngưng cấp số', en: 'Ticket issuing paused' },
  ...ADMIN_WORDS,
  ...REPORT_WORDS,
} as const satisfies Record<string, Word>;

export type WordKey = keyof typeof WORDS;

/** The word in a language, with `{name}` placeholders filled in. */
export function say(lang: Lang, key: WordKey, vars: Record<string, string | number> = {}): string {
  return fill(WORDS[key][lang], vars, lang);
}

/**
 * `{name}` placeholders filled in. With a language, a number with decimals is written that
 * language's way ("1,9" in Vietnamese); whole numbers stay as they are (they are often counter
 * or ticket numbers, never grouped).
 */
export function fill(text: string, vars: Record<string, string | number>, lang?: Lang): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!(name in vars)) return m;
    const v = vars[name]!;
    return typeof v === 'number' && lang && !Number.isInteger(v) ? formatNumber(v, lang) : String(v);
  });
}
