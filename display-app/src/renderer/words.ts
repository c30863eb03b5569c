// The words of the wall, Vietnamese first and English second (shared/UX.md's word table).

export const WORDS = {
  nowCalling: { vi: 'Mời số', en: 'Now calling' },
  toCounter: { vi: 'đến quầy', en: 'to counter' },
  counter: { vi: 'Quầy', en: 'Counter' },
  recentCalls: { vi: 'Số vừa gọi', en: 'Recent calls' },
  nowServing: { vi: 'Đang phục vụ', en: 'Now serving' },
  waiting: { vi: 'Đang chờ', en: 'Waiting' },
  noCallsYet: { vi: 'Chưa có số nào được gọi', en: 'No number called yet' },
  noCounterOpen: { vi: 'Chưa có quầy nào mở', en: 'No counter open yet' },
  connectionLost: { vi: 'Mất kết nối — đang kết nối lại', en: 'Connection lost — reconnecting' },
  connecting: { vi: 'Đang kết nối máy chủ…', en: 'Connecting to the server…' },
  connected: { vi: 'Đã kết nối', en: 'Connected' },
  unpaired: { vi: 'Màn hình chưa được ghép nối', en: 'This display is not paired' },
  enableSound: { vi: 'Bấm để bật âm thanh', en: 'Tap to enable sound' },
  soundOff: { vi: 'Tắt âm thanh', en: 'Sound off' },
  recall: { vi: 'Gọi lại', en: 'Recall' },
  counterClosed: { vi: 'Quầy đang đóng', en: 'Counter closed' },
  counterPaused: { vi: 'Tạm dừng', en: 'Paused' },
  waitingNext: { vi: 'Xin chờ gọi số tiếp theo', en: 'Please wait for the next number' },
  people: { vi: 'người', en: 'people' },
  pairKeysHint: { vi: 'Có thể bấm số trên bàn phím hoặc điều khiển từ xa', en: 'Number keys on a keyboard or remote work too' },
} as const;
