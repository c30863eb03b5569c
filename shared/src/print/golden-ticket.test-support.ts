/**
 * The fixed ticket of the golden tests (08:05 on 21/11/2026 in Hồ Chí Minh City). One copy: the
 * server's and the kiosk's tests check their bytes against shared's golden hash of this ticket.
 */
import type { TicketPrintData } from './types.js';

export const GOLDEN_TICKET: TicketPrintData = {
  centreName: 'Trung tâm Phục vụ hành chính công xã Tân Hiệp',
  header: 'UBND TỈNH KIÊN GIANG',
  serviceNameVi: 'Đăng ký hộ tịch',
  serviceNameEn: 'Civil status registration',
  displayNumber: '1023',
  priorityLabelVi: 'ƯU TIÊN – Người cao tuổi',
  issuedAt: Date.UTC(2026, 10, 21, 1, 5),
  timeZone: 'Asia/Ho_Chi_Minh',
  peopleAhead: 4,
  estimateMinutes: 12,
  trackingUrl: 'http://192.168.1.10:8080/t/q3J9vX2mKp7LwZ4rT8yBnA',
  footer: 'Vui lòng chờ gọi số. Số thứ tự chỉ có giá trị trong ngày. Xin cảm ơn!',
};
