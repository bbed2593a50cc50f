import type { PrintDocument, PrintBlock } from '../../../drivers/printer/document';
import type { ApplicationReceipt, ApplyDelivery } from './contract';
import { hallDateTimeWritten } from '../../../domain/hall-time';
import { yuan } from '../../../domain/money';
import { BILINGUAL_PAPER, type PaperWording } from '../devices/paper-wording';

const DELIVERY: Record<ApplyDelivery, [zh: string, en: string]> = {
  window: ['窗口领取', 'Pick up at the window'],
  post: ['邮寄送达', 'By post'],
  'self-service': ['自助柜领取', 'Self-service locker'],
};

/** What the receipt knows besides the application: the fee the review showed (fen; 0 free). */
export interface ReceiptFacts {
  feeFen?: number;
}

/**
 * The fee line as the review worded it: paid after acceptance (the kiosk's "缴费"), or free.
 */
export function feeText(feeFen: number, w: PaperWording): string {
  return feeFen === 0
    ? w.field('费用', 'Fee', w.line('免费', 'Free'))
    : w.field('费用', 'Fee', `¥${yuan(feeFen)}${w.line('（受理后缴费）', '(paid after acceptance)')}`);
}

/**
 * The application receipt (受理回执): the masked applicant, the item(s), each case number — or
 * the kiosk's reference with an honest line when the number follows later — what must still be
 * shown on paper and where, and a QR code to follow the case. No ID number, no address, no phone.
 */
export function receiptDocument(
  hallName: string,
  r: ApplicationReceipt,
  wording: PaperWording = BILINGUAL_PAPER,
  facts: ReceiptFacts = {},
): PrintDocument {
  const w = wording;
  const text = (t: string, extra: Partial<Extract<PrintBlock, { kind: 'text' }>> = {}): PrintBlock => ({
    kind: 'text',
    text: t,
    ...extra,
  });
  const pending = r.cases.some((c) => c.caseNumber === null);
  const blocks: PrintBlock[] = [
    text(hallName, { align: 'center', bold: true }),
    text(w.line('申请回执', 'Application receipt'), {
      align: 'center',
      bold: true,
      size: { width: 2, height: 2 },
    }),
    { kind: 'rule' },
    text(w.field('申请人', 'Applicant', r.maskedName)),
    text(w.field('事项', r.bundleCode ? 'Life event' : 'Item', r.title.zh)),
    text(w.field('提交时间', 'Submitted', hallDateTimeWritten(r.submittedAt))),
    text(w.field('领取方式', 'Pickup', w.line(...DELIVERY[r.delivery]))),
    ...(facts.feeFen === undefined ? [] : [text(feeText(facts.feeFen, w))]),
    { kind: 'rule' },
  ];
  for (const c of r.cases) {
    if (r.cases.length > 1) blocks.push(text(c.itemName.zh));
    blocks.push(
      c.caseNumber
        ? text(w.field('办件号', 'Case No.', c.caseNumber), { bold: true })
        : text(w.field('本机登记号', 'Kiosk ref.', r.localRef), { bold: true }),
    );
  }
  if (pending) {
    blocks.push(
      r.offline
        ? text('网络中断，申请已保存在本机，恢复后自动提交', { bold: true })
        : text('申请已保存在本机，正在提交', { bold: true }),
      text('办件号随后生成，可刷身份证在“我的办件”查询'),
      ...w
        .englishLines(
          r.offline
            ? 'Saved on this kiosk; sent when the network is back. Find the case number under "My cases".'
            : 'Saved on this kiosk and being sent. Find the case number under "My cases".',
        )
        .map((line) => text(line)),
    );
  }
  // 一窗受理: a bundle's paper all goes to its lead item's window (the checklist plans it there).
  const oneWindow = r.bundleCode ? r.paper[0]?.where : undefined;
  if (oneWindow && r.paper.every((p) => p.where.queueCategory === oneWindow.queueCategory)) {
    blocks.push(
      { kind: 'rule' },
      text(
        w.field(
          '一窗办理',
          'One window',
          `${oneWindow.hallName}${oneWindow.departmentName}窗口（取${oneWindow.queueCategory}类号）`,
        ),
        { bold: true },
      ),
      ...w
        .englishLines(
          `Every item of this life event is handled at this one window (category ${oneWindow.queueCategory}).`,
        )
        .map((line) => text(line)),
    );
  }
  if (r.paper.length > 0) {
    blocks.push(
      { kind: 'rule' },
      text(w.label('请携带以下材料原件到窗口核验', 'Bring to the window'), { bold: true }),
    );
    for (const p of r.paper) {
      blocks.push(text(`· ${p.name.zh}（${p.where.departmentName}，取${p.where.queueCategory}类号）`));
    }
  }
  blocks.push(
    { kind: 'rule' },
    text(w.line('扫码查看办理进度', 'Scan to follow'), { align: 'center' }),
    { kind: 'qr', data: r.followUrl, moduleSize: 6, errorCorrection: 'M' },
    { kind: 'feed', lines: 3 },
    { kind: 'cut', partial: true },
  );
  return { blocks };
}
