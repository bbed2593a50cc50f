import { hallDateTimeWritten } from '../../../domain/hall-time';
import { yuan } from '../../../domain/money';
import type { PrintDocument } from '../../../drivers/printer/document';
import type { PaymentView } from '../api/contract';
import { BILINGUAL_PAPER, type PaperWording } from '../devices/paper-wording';

/** The payment methods of the unified public payment platform, as a citizen names them. */
const METHOD: Record<string, [zh: string, en: string]> = {
  wechat: ['微信支付', 'WeChat Pay'],
  alipay: ['支付宝', 'Alipay'],
  unionpay: ['银联云闪付', 'UnionPay'],
};

/** What the central said when the payment settled, and the case it paid for. */
export interface SettledPayment {
  paidAt: string | null;
  /** The platform's channel code (wechat, alipay, unionpay); an unknown one is printed as it came. */
  channel: string | null;
  /** The case number (办件号) the fee was paid for, as the citizen's order list showed it. */
  caseNumber: string | null;
}

/**
 * The e-receipt slip (电子票据): no name, no ID number. It names the case by its item and case
 * number, and carries the receipt number and the platform's payment order number, which staff and
 * the payment platform look a payment up by. No verification QR: the central publishes no page
 * that answers one, and a code leading nowhere would not be the truth.
 */
export function receiptDocument(
  hallName: string,
  p: PaymentView,
  settled: SettledPayment,
  wording: PaperWording = BILINGUAL_PAPER,
): PrintDocument {
  const w = wording;
  const method = settled.channel ? METHOD[settled.channel] : undefined;
  const paidBy = method ? w.line(...method) : (settled.channel ?? '-');
  return {
    blocks: [
      { kind: 'text', text: hallName, align: 'center', bold: true },
      {
        kind: 'text',
        text: w.line('缴费电子票据', 'E-receipt'),
        align: 'center',
        bold: true,
        size: { width: 2, height: 2 },
      },
      { kind: 'rule' },
      { kind: 'text', text: w.field('事项', 'Item', p.itemName.zh) },
      { kind: 'text', text: w.field('办件号', 'Case No.', settled.caseNumber ?? '-'), bold: true },
      { kind: 'text', text: w.field('金额', 'Amount', `¥${yuan(p.amountFen)}`) },
      { kind: 'text', text: w.field('支付方式', 'Paid by', paidBy) },
      {
        kind: 'text',
        text: w.field('支付时间', 'Paid at', settled.paidAt ? hallDateTimeWritten(settled.paidAt) : '-'),
      },
      { kind: 'rule' },
      { kind: 'text', text: w.label('核验信息', 'To verify'), bold: true },
      { kind: 'text', text: w.field('票据号', 'Receipt No.', p.receiptNo ?? '-') },
      { kind: 'text', text: w.field('支付订单号', 'Payment order No.', p.paymentId) },
      { kind: 'rule' },
      { kind: 'text', text: w.line('请妥善保管', 'Please keep this receipt'), align: 'center' },
      { kind: 'feed', lines: 2 },
      { kind: 'cut' },
    ],
  };
}
