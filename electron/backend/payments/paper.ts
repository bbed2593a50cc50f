import { yuan } from '../../../domain/money';
import type { PrintDocument } from '../../../drivers/printer/document';
import type { PaymentView } from '../api/contract';

/** The e-receipt slip (电子票据): no name, no ID number; the case is named by its item only. */
export function receiptDocument(
  hallName: string,
  p: PaymentView,
  paidAt: string | null,
  channel: string | null,
): PrintDocument {
  return {
    blocks: [
      { kind: 'text', text: hallName, align: 'center', bold: true },
      {
        kind: 'text',
        text: '缴费电子票据 E-receipt',
        align: 'center',
        bold: true,
        size: { width: 2, height: 2 },
      },
      { kind: 'rule' },
      { kind: 'text', text: `事项 Item: ${p.itemName.zh}` },
      { kind: 'text', text: `金额 Amount: ¥${yuan(p.amountFen)}` },
      { kind: 'text', text: `票据号 Receipt No.: ${p.receiptNo ?? '-'}` },
      { kind: 'text', text: `支付方式 Paid by: ${channel ?? '-'}` },
      { kind: 'text', text: `时间 Time: ${paidAt ?? '-'}` },
      { kind: 'rule' },
      { kind: 'text', text: '请妥善保管 Please keep this receipt', align: 'center' },
      { kind: 'feed', lines: 2 },
      { kind: 'cut' },
    ],
  };
}
