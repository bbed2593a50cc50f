import { yuan } from '../../../domain/money';
import type { PrintDocument } from '../../../drivers/printer/document';
import type { PaymentView } from '../api/contract';
import { BILINGUAL_PAPER, type PaperWording } from '../devices/paper-wording';

/** The e-receipt slip (电子票据): no name, no ID number; the case is named by its item only. */
export function receiptDocument(
  hallName: string,
  p: PaymentView,
  paidAt: string | null,
  channel: string | null,
  wording: PaperWording = BILINGUAL_PAPER,
): PrintDocument {
  const w = wording;
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
      { kind: 'text', text: w.field('金额', 'Amount', `¥${yuan(p.amountFen)}`) },
      { kind: 'text', text: w.field('票据号', 'Receipt No.', p.receiptNo ?? '-') },
      { kind: 'text', text: w.field('支付方式', 'Paid by', channel ?? '-') },
      { kind: 'text', text: w.field('时间', 'Time', paidAt ?? '-') },
      { kind: 'rule' },
      { kind: 'text', text: w.line('请妥善保管', 'Please keep this receipt'), align: 'center' },
      { kind: 'feed', lines: 2 },
      { kind: 'cut' },
    ],
  };
}
