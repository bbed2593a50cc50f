import { describe, expect, it } from 'vitest';
import type { PrintDocument } from '../../../drivers/printer/document';
import { encodeEscPos } from '../../../drivers/printer/escpos-encoder';
import { EscPosPaperDecoder } from '../../../drivers/printer/escpos-paper-decoder';
import { ticketDocument } from '../queue/paper';
import { paperWording } from './paper-wording';

/** The slip as the receipt printer gets it (ESC/POS, text in GB18030), decoded back to lines. */
function paperOf(doc: PrintDocument): string[] {
  const paper = new EscPosPaperDecoder();
  paper.push(encodeEscPos(doc, { paperWidthMm: 80 }));
  return paper.lines();
}

const TICKET = {
  hallName: '市民服务中心',
  number: 'A007',
  categoryName: { zh: '社保医保', en: 'Social insurance' },
  waitingAhead: 3,
  estimatedWaitMinutes: 15,
  issuedAt: '2026-11-25T01:30:00.000Z',
  greenChannel: true,
  followUrl: 'https://zwfw.hz.gov.cn/q/T-1',
};

const BOTH = paperWording(['zh-CN', 'en']);
const hasHan = (l: string) => /\p{Script=Han}/u.test(l);

describe('the queue ticket in English', () => {
  it('puts English under every Chinese line on a kiosk that offers English', () => {
    const paper = paperOf(ticketDocument(TICKET, BOTH));
    expect(paper).toEqual(
      expect.arrayContaining([
        '社保医保 Social insurance',
        '绿色通道 优先办理',
        'Green channel: served first',
        '您前面还有 3 人在等候',
        '3 people ahead of you',
        '预计等候约 15 分钟',
        'Estimated wait: about 15 min',
        'Issued 2026-11-25 09:30',
        'A missed number is void; take a new one',
        'Scan to follow the queue',
      ]),
    );
    // Every Chinese line but the hall's name (a proper name) has an English one right after it.
    const chinese = paper.filter((l, i) => hasHan(l) && i > 0 && !/[A-Za-z]{3}/.test(l));
    for (const line of chinese) {
      const next = paper[paper.indexOf(line) + 1] ?? '';
      expect(hasHan(next) || !/[A-Za-z]/.test(next), `${line} → ${next}`).toBe(false);
    }
  });

  it('prints its English in plain ASCII, which the GB18030 font has', () => {
    const paper = paperOf(ticketDocument({ ...TICKET, waitingAhead: 1, offline: true }, BOTH));
    const english = paper.filter((l) => !hasHan(l) && /[A-Za-z]{2}/.test(l) && !l.startsWith('['));
    expect(english.length).toBeGreaterThanOrEqual(5);
    for (const line of english) expect(line).toMatch(/^[\x20-\x7e]+$/);
    expect(paper).toContain('Taken while offline: this number is valid');
    expect(paper).toContain('People ahead unknown; listen for your number');
  });

  it('says one person in the singular', () => {
    expect(paperOf(ticketDocument({ ...TICKET, waitingAhead: 1 }, BOTH))).toContain('1 person ahead of you');
  });
});
