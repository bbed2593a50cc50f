import { describe, expect, it } from 'vitest';
import { BILINGUAL_PAPER, paperWording } from './paper-wording';

describe('paper wording', () => {
  it('prints Chinese then English on a kiosk that offers both', () => {
    const w = paperWording(['zh-CN', 'en']);
    expect(w.english).toBe(true);
    expect(w.line('申请回执', 'Application receipt')).toBe('申请回执 Application receipt');
    expect(w.field('申请人', 'Applicant', '张*')).toBe('申请人 Applicant: 张*');
    expect(w.label('请携带', 'Bring')).toBe('请携带 Bring:');
    expect(w.englishLines('Result notice')).toEqual(['Result notice']);
    expect(BILINGUAL_PAPER.line('事项', 'Item')).toBe('事项 Item');
  });

  it('prints Chinese alone on a Chinese-only kiosk, with a Chinese colon', () => {
    const w = paperWording(['zh-CN']);
    expect(w.english).toBe(false);
    expect(w.line('申请回执', 'Application receipt')).toBe('申请回执');
    expect(w.field('申请人', 'Applicant', '张*')).toBe('申请人：张*');
    expect(w.label('请携带', 'Bring')).toBe('请携带：');
    expect(w.englishLines('Result notice', 'Scan to follow')).toEqual([]);
  });

  it('still prints Chinese on a kiosk configured for English alone', () => {
    expect(paperWording(['en']).line('缴费电子票据', 'E-receipt')).toBe('缴费电子票据 E-receipt');
  });
});
