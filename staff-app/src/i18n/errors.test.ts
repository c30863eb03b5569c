import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@layso/shared';
import { ERROR_WORDS, errorWords } from './errors.js';
import { WORDS } from './words.js';

// Vietnamese letters with diacritics: a real Vietnamese sentence has at least one.
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

describe('error words', () => {
  it('has Vietnamese (with diacritics) and English words for every server code', () => {
    for (const code of ERROR_CODES) {
      const w = ERROR_WORDS[code];
      expect(w, code).toBeDefined();
      expect(w.vi, code).toMatch(VIETNAMESE);
      expect(w.en.length, code).toBeGreaterThan(3);
      expect(w.vi, code).not.toContain(code);
    }
  });

  it('says the officer-facing codes in the words of the brief', () => {
    expect(errorWords('COUNTER_BUSY', 'vi')).toBe('Quầy đang có số, hãy hoàn thành trước.');
    expect(errorWords('QUEUE_EMPTY', 'vi')).toBe('Không còn ai chờ.');
    expect(errorWords('NOT_YOUR_COUNTER', 'vi')).toBe('Đây không phải quầy của bạn.');
    expect(errorWords('COUNTER_TAKEN', 'vi')).toContain('cán bộ khác');
    expect(errorWords('COUNTER_PAUSED', 'vi')).toContain('tạm dừng');
    expect(errorWords('INVALID_CREDENTIALS', 'en')).toBe('Wrong username or password.');
    expect(errorWords('ACCOUNT_LOCKED', 'vi')).toContain('khoá');
  });

  it('has words for the client-side failures and falls back for an unknown code', () => {
    expect(errorWords('TIMEOUT', 'vi')).toContain('không bị làm hai lần');
    expect(errorWords('NETWORK', 'en')).toBe('Cannot reach the server.');
    expect(errorWords('SOMETHING_NEW', 'vi')).toBe(ERROR_WORDS.INTERNAL.vi);
  });
});

describe('words', () => {
  it('uses the UX.md word table for the officer actions', () => {
    const vi = ['Gọi số tiếp', 'Gọi lại', 'Bắt đầu', 'Hoàn thành', 'Vắng mặt', 'Chuyển', 'Tạm dừng', 'Tiếp tục', 'Đóng quầy'];
    const en = ['Call next', 'Recall', 'Start', 'Done', 'No-show', 'Transfer', 'Pause', 'Resume', 'Close counter'];
    const keys = ['act_callNext', 'act_recall', 'act_start', 'act_done', 'act_noShow', 'act_transfer', 'act_pause', 'act_resume', 'act_close'] as const;
    keys.forEach((k, i) => {
      expect(WORDS[k].vi).toBe(vi[i]);
      expect(WORDS[k].en).toBe(en[i]);
    });
    expect(WORDS.connectionLost.vi).toBe('Mất kết nối — đang kết nối lại');
    expect(WORDS.noPriority.vi).toBe('Không ưu tiên');
  });

  it('has both languages, with the same placeholders, for every word', () => {
    for (const [key, w] of Object.entries(WORDS)) {
      expect(w.vi.length, key).toBeGreaterThan(0);
      expect(w.en.length, key).toBeGreaterThan(0);
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(vars(w.vi), key).toEqual(vars(w.en));
    }
  });
});
