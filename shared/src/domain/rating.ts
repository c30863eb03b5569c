/**
 * The rating scales: what each level is called and which levels count as satisfied or low. Pure;
 * the rulebook, the phone page, the tablet, the reports and the board all read it.
 */
import type { RatingScale } from './model.js';

export interface RatingLevel {
  level: number;
  vi: string;
  en: string;
}

/** Levels best first, as a citizen sees them. */
export function ratingLevels(scale: RatingScale): RatingLevel[] {
  if (scale === 'three') {
    return [
      { level: 3, vi: 'Rất hài lòng', en: 'Very satisfied' },
      { level: 2, vi: 'Hài lòng', en: 'Satisfied' },
      { level: 1, vi: 'Không hài lòng', en: 'Not satisfied' },
    ];
  }
  return [
    { level: 5, vi: '5 sao — Rất hài lòng', en: '5 stars — Very satisfied' },
    { level: 4, vi: '4 sao — Hài lòng', en: '4 stars — Satisfied' },
    { level: 3, vi: '3 sao — Bình thường', en: '3 stars — Neutral' },
    { level: 2, vi: '2 sao — Chưa hài lòng', en: '2 stars — Dissatisfied' },
    { level: 1, vi: '1 sao — Không hài lòng', en: '1 star — Not satisfied' },
  ];
}

export function maxLevel(scale: RatingScale): number {
  return scale === 'three' ? 3 : 5;
}

/** A low score asks why: "Không hài lòng" on three levels, one or two stars on five. */
export function isLowScore(scale: RatingScale, level: number): boolean {
  return scale === 'three' ? level <= 1 : level <= 2;
}

/** Counted in the share satisfied: "Hài lòng" and better, or four stars and more. */
export function isSatisfied(scale: RatingScale, level: number): boolean {
  return scale === 'three' ? level >= 2 : level >= 4;
}

/** A rating tablet rates only the ticket its counter just finished, within this time. */
export const TABLET_RATING_WINDOW_MS = 15 * 60_000;
/** A phone may rate a served ticket within this time of its finish. */
export const PHONE_RATING_WINDOW_MS = 24 * 3_600_000;
