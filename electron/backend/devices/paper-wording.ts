import type { KioskConfig } from '../../../kiosk-config/schema';

/** The languages a kiosk offers (its config's `languages`). */
export type KioskLanguages = KioskConfig['languages'];

/**
 * How paper is worded on this kiosk. Chinese is always printed: it is the hall's working language,
 * what staff read at the window, and a slip in English alone would not be the hall's document.
 * English follows it, on the same line or the line after, only on a kiosk that offers English.
 */
export interface PaperWording {
  readonly english: boolean;
  /** `申请回执 Application receipt`, or `申请回执` on a Chinese-only kiosk. */
  line(zh: string, en: string): string;
  /** A label before what follows it: `申请人 Applicant:`, or `申请人：` on a Chinese-only kiosk. */
  label(zh: string, en: string): string;
  /** A label and its value: `申请人 Applicant: 张*`, or `申请人：张*` on a Chinese-only kiosk. */
  field(zh: string, en: string, value: string): string;
  /** A line that is English alone (a translation printed under the Chinese one): kept or dropped. */
  englishLines(...lines: string[]): string[];
}

export function paperWording(languages: KioskLanguages): PaperWording {
  const english = languages.includes('en');
  const label = (zh: string, en: string) => (english ? `${zh} ${en}:` : `${zh}：`);
  return {
    english,
    line: (zh, en) => (english ? `${zh} ${en}` : zh),
    label,
    // The full-width colon carries its own space; the ASCII one is followed by one.
    field: (zh, en, value) => `${label(zh, en)}${english ? ' ' : ''}${value}`,
    englishLines: (...lines) => (english ? lines : []),
  };
}

/** Until a slice is told the kiosk's languages: today's bilingual paper. */
export const BILINGUAL_PAPER: PaperWording = paperWording(['zh-CN', 'en']);
