/** The words for priority categories, as UX.md fixes them. */
import type { PriorityCategory } from './model.js';

/** Vietnamese and English names of each priority category. */
export const PRIORITY_LABELS: Readonly<Record<PriorityCategory, { vi: string; en: string }>> = {
  elderly: { vi: 'Người cao tuổi', en: 'Elderly' },
  disabled: { vi: 'Người khuyết tật', en: 'Disabled' },
  pregnant_or_child: { vi: 'Phụ nữ mang thai hoặc có con nhỏ', en: 'Pregnant or with a small child' },
  veteran: { vi: 'Người có công với cách mạng', en: 'Veteran' },
};

/** "ƯU TIÊN – Người cao tuổi", the mark on a printed priority ticket. */
export function priorityMarkVi(p: PriorityCategory): string {
  return `ƯU TIÊN – ${PRIORITY_LABELS[p].vi}`;
}
