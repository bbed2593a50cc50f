import { describe, expect, it } from 'vitest';
import type { PrintDocument } from '../../../drivers/printer/document';
import { encodeEscPos } from '../../../drivers/printer/escpos-encoder';
import { EscPosPaperDecoder } from '../../../drivers/printer/escpos-paper-decoder';
import type { PaymentView } from '../api/contract';
import type { ApplicationReceipt } from '../apply/contract';
import { receiptDocument as applicationReceipt } from '../apply/paper';
import { receiptDocument as paymentReceipt } from '../payments/paper';
import type { ResultNotice } from '../progress/contract';
import { resultNoticeDocument } from '../progress/paper';
import { ticketDocument } from '../queue/paper';
import { paperWording } from './paper-wording';

/**
 * Every slip the kiosk prints, as the printer receives it (ESC/POS, text in GB18030) and decoded
 * back to lines: Chinese alone on a kiosk configured `languages: ["zh-CN"]`, Chinese then English
 * on one configured for both.
 */
function paperOf(doc: PrintDocument): string[] {
  const paper = new EscPosPaperDecoder();
  paper.push(encodeEscPos(doc, { paperWidthMm: 80 }));
  return paper.lines();
}

const CHINESE_ONLY = paperWording(['zh-CN']);
const BOTH = paperWording(['zh-CN', 'en']);

/** Latin words on the paper, other than in a URL, a QR code or a number (BJ2026…, R2026…). */
function englishWords(lines: string[]): string[] {
  return lines
    .filter((l) => !l.startsWith('[') && !l.includes('://'))
    .flatMap((l) => l.match(/(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])/g) ?? []);
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

const PAYMENT: PaymentView = {
  paymentId: 'P-1',
  caseId: 'C-1',
  itemName: { zh: '不动产登记费', en: 'Real estate registration fee' },
  amountFen: 8000,
  status: 'paid',
  qrPayload: 'pay:P-1',
  expiresAt: '2026-11-25T02:00:00.000Z',
  receiptNo: 'R20261125001',
  receiptPrinted: null,
};

const APPLICATION: ApplicationReceipt = {
  localRef: 'K-0001-0001',
  title: { zh: '二手房转移登记', en: 'Resale home transfer registration' },
  bundleCode: null,
  maskedName: '张*',
  delivery: 'window',
  submittedAt: '2026-11-25T01:30:00.000Z',
  cases: [
    {
      itemCode: 'QR01',
      itemName: { zh: '二手房转移登记', en: 'Resale home transfer registration' },
      state: 'queued',
      caseNumber: null,
      rejectCode: null,
    },
  ],
  followUrl: 'https://zwfw.hz.gov.cn/case?ref=K-0001-0001',
  paper: [
    {
      code: 'LOAN',
      name: { zh: '借款合同', en: 'Loan contract' },
      where: {
        hallName: '市民服务中心',
        queueCategory: 'B',
        categoryName: null,
        departmentName: '不动产登记中心',
      },
    },
  ],
  offline: true,
  printed: null,
};

const NOTICE: ResultNotice = {
  caseNumber: 'BJ20261125000001',
  itemName: { zh: '二手房转移登记', en: 'Resale home transfer registration' },
  maskedName: '张**',
  outcome: 'rejected',
  status: 'rejected',
  collection: 'nothing-to-collect',
  hallName: '市民服务中心',
  reason: '不符合登记条件',
  rights: { reconsiderationDays: 60, litigationMonths: 6, reconsiderationBody: null },
  followUrl: 'https://zwfw.hz.gov.cn/case?case=BJ20261125000001',
  issuedAt: '2026-11-26T02:30:00.000Z',
};

const SLIPS = {
  'queue ticket': (w = BOTH) => ticketDocument(TICKET, w),
  'offline queue ticket': (w = BOTH) => ticketDocument({ ...TICKET, offline: true }, w),
  'payment e-receipt': (w = BOTH) =>
    paymentReceipt(
      '市民服务中心',
      PAYMENT,
      { paidAt: '2026-11-25T01:40:00.000Z', channel: 'wechat', caseNumber: 'BJ20261125000001' },
      w,
    ),
  'application receipt': (w = BOTH) => applicationReceipt('市民服务中心', APPLICATION, w),
  'result notice': (w = BOTH) => resultNoticeDocument(NOTICE, w),
} as const;

describe('paper in the configured languages', () => {
  for (const [slip, document] of Object.entries(SLIPS)) {
    it(`the ${slip}: Chinese alone on a Chinese-only kiosk, nothing else lost`, () => {
      const both = paperOf(document(BOTH));
      const chinese = paperOf(document(CHINESE_ONLY));
      expect(englishWords(chinese)).toEqual([]);
      // What is not English is all still there: the QR code, the number, every Chinese line.
      // Compared character by character: lines of another length wrap elsewhere on paper.
      const chineseOf = (lines: string[]) => lines.join('').match(/[\u4e00-\u9fff]/g) ?? [];
      expect(chineseOf(chinese)).toEqual(chineseOf(both));
      expect(chinese.filter((l) => l.startsWith('[QR]'))).toEqual(both.filter((l) => l.startsWith('[QR]')));
      expect(chinese.at(-1)).toBe('[CUT]');
    });
  }

  it('the queue ticket names its category in English only where English is offered', () => {
    expect(paperOf(SLIPS['queue ticket'](BOTH))).toContain('社保医保 Social insurance');
    const chinese = paperOf(SLIPS['queue ticket'](CHINESE_ONLY));
    expect(chinese).toContain('社保医保');
    expect(chinese).toContain('A007');
  });

  it('the receipts keep their fields, with a Chinese colon, on a Chinese-only kiosk', () => {
    const payment = paperOf(SLIPS['payment e-receipt'](CHINESE_ONLY));
    expect(payment).toEqual(expect.arrayContaining(['缴费电子票据', '事项：不动产登记费', '金额：¥80.00']));
    expect(payment).toContain('票据号：R20261125001');
    expect(payment).toEqual(
      expect.arrayContaining([
        '支付方式：微信支付',
        '支付时间：2026年11月25日 09:40',
        '办件号：BJ20261125000001',
      ]),
    );
    const application = paperOf(SLIPS['application receipt'](CHINESE_ONLY));
    expect(application).toEqual(
      expect.arrayContaining(['申请回执', '申请人：张*', '领取方式：窗口领取', '本机登记号：K-0001-0001']),
    );
    const notice = paperOf(SLIPS['result notice'](CHINESE_ONLY));
    expect(notice).toEqual(
      expect.arrayContaining([
        '办理结果：不予办理',
        '理由：不符合登记条件',
        '打印时间：2026年11月26日 10:30',
      ]),
    );
  });

  it('keeps today’s bilingual paper on a kiosk that offers both languages', () => {
    // Joined by spaces: a long line wraps at a space on paper.
    const application = paperOf(SLIPS['application receipt'](BOTH)).join(' ');
    expect(application).toContain('申请回执 Application receipt');
    expect(application).toContain('领取方式 Pickup: 窗口领取 Pick up at the window');
    expect(application).toContain('Saved on this kiosk; sent when the network is back.');
    expect(application).toContain('请携带以下材料原件到窗口核验 Bring to the window:');
    const notice = paperOf(SLIPS['result notice'](BOTH));
    expect(notice).toEqual(
      expect.arrayContaining([
        'Result notice',
        '办理结果 Result: 不予办理 Not approved',
        'Resale home transfer registration',
      ]),
    );
    expect(paperOf(SLIPS['payment e-receipt'](BOTH))).toContain('请妥善保管 Please keep this receipt');
  });
});
