// The rating tablet's words, Vietnamese first and English second (shared/UX.md). It speaks to the
// citizen politely ("quý khách"), as the counter's officer does.

export const RATE_WORDS = {
  counter: { vi: 'Quầy số', en: 'Counter' },
  connecting: { vi: 'Đang kết nối máy chủ…', en: 'Connecting to the server…' },
  noCounter: {
    vi: 'Máy đánh giá chưa được gán quầy — quản trị viên chọn quầy trong Quản trị › Thiết bị',
    en: 'This rating tablet has no counter yet — the administrator sets it in Admin › Devices',
  },
  welcome: { vi: 'Xin kính chào quý khách', en: 'Welcome' },
  nowServing: { vi: 'Đang phục vụ số', en: 'Now serving' },
  rateAfter: {
    vi: 'Sau khi hoàn thành, mời quý khách đánh giá sự phục vụ tại đây',
    en: 'When you are done, please rate the service here',
  },
  question: { vi: 'Quý khách có hài lòng với sự phục vụ?', en: 'Were you satisfied with the service?' },
  ticket: { vi: 'Số thứ tự', en: 'Ticket number' },
  why: { vi: 'Quý khách chưa hài lòng vì điều gì?', en: 'What was not right?' },
  reasonRequired: { vi: 'Mời chọn ít nhất một lý do', en: 'Please choose at least one reason' },
  addComment: { vi: 'Viết thêm ý kiến', en: 'Add a comment' },
  editComment: { vi: 'Sửa ý kiến', en: 'Edit the comment' },
  commentLabel: { vi: 'Ý kiến của quý khách', en: 'Your comment' },
  done: { vi: 'Xong', en: 'Done' },
  send: { vi: 'Gửi đánh giá', en: 'Send the rating' },
  sending: { vi: 'Đang gửi…', en: 'Sending…' },
  thanks: { vi: 'Cảm ơn quý khách đã đánh giá!', en: 'Thank you for your rating!' },
  alreadyRated: {
    vi: 'Lượt phục vụ này đã được đánh giá rồi. Cảm ơn quý khách!',
    en: 'This visit has already been rated. Thank you!',
  },
  offline: { vi: 'Chưa gửi được đánh giá: mất kết nối máy chủ. Xin lỗi quý khách.', en: 'The rating could not be sent: no connection. We are sorry.' },
  failed: { vi: 'Chưa gửi được đánh giá. Xin lỗi quý khách.', en: 'The rating could not be sent. We are sorry.' },
} as const;
