import type { PrintDocument } from '../../../drivers/printer/document';
import { hallTime } from '../../../domain/hall-time';
import { BILINGUAL_PAPER, type PaperWording } from '../devices/paper-wording';

export interface TicketForPaper {
  hallName: string;
  number: string;
  categoryName: { zh: string; en: string };
  waitingAhead: number;
  estimatedWaitMinutes: number;
  issuedAt: string;
  greenChannel: boolean;
  followUrl: string;
  /** Issued from a leased number while the central could not be reached. */
  offline?: boolean;
}

/**
 * The queue ticket as paper: hall, category, number, people ahead, estimated wait, time, the void
 * rule and a QR code to follow the queue. Nothing personal is printed on a ticket. The category's
 * English name only on a kiosk that offers English.
 */
export function ticketDocument(t: TicketForPaper, wording: PaperWording = BILINGUAL_PAPER): PrintDocument {
  return {
    blocks: [
      { kind: 'text', text: t.hallName, align: 'center', bold: true, size: { width: 2, height: 2 } },
      { kind: 'text', text: wording.line(t.categoryName.zh, t.categoryName.en), align: 'center' },
      { kind: 'rule' },
      { kind: 'text', text: t.number, align: 'center', bold: true, size: { width: 4, height: 4 } },
      ...(t.greenChannel
        ? [{ kind: 'text' as const, text: '绿色通道 优先办理', align: 'center' as const, bold: true }]
        : []),
      ...(t.offline
        ? [
            { kind: 'text' as const, text: '网络中断时取号，号码有效', align: 'center' as const, bold: true },
            { kind: 'text' as const, text: '等候人数暂无法显示，请留意叫号', align: 'center' as const },
          ]
        : [
            {
              kind: 'text' as const,
              text: `您前面还有 ${t.waitingAhead} 人在等候`,
              align: 'center' as const,
            },
            {
              kind: 'text' as const,
              text: `预计等候约 ${t.estimatedWaitMinutes} 分钟`,
              align: 'center' as const,
            },
          ]),
      { kind: 'text', text: `取号时间 ${hallTime(t.issuedAt)}`, align: 'center' },
      { kind: 'rule' },
      { kind: 'text', text: '过号无效，请重新取号', align: 'center', bold: true },
      { kind: 'text', text: '扫码查看排队进度', align: 'center' },
      { kind: 'qr', data: t.followUrl, moduleSize: 6, errorCorrection: 'M' },
      { kind: 'feed', lines: 3 },
      { kind: 'cut', partial: true },
    ],
  };
}
