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
 * rule and a QR code to follow the queue. Nothing personal is printed on a ticket. English (the
 * category's name, and a line under each Chinese one) only on a kiosk that offers English.
 */
export function ticketDocument(t: TicketForPaper, wording: PaperWording = BILINGUAL_PAPER): PrintDocument {
  // Each Chinese line, then its English on the line after (on a kiosk that offers English):
  // the Chinese lines stay whole for staff, and ASCII English prints in the printer's GB18030 font.
  const lines = (zh: string, en: string, style: { bold?: boolean } = {}): PrintDocument['blocks'] => [
    { kind: 'text', text: zh, align: 'center', ...style },
    ...wording.englishLines(en).map((text) => ({ kind: 'text' as const, text, align: 'center' as const })),
  ];
  const issuedAt = hallTime(t.issuedAt);
  return {
    blocks: [
      { kind: 'text', text: t.hallName, align: 'center', bold: true, size: { width: 2, height: 2 } },
      { kind: 'text', text: wording.line(t.categoryName.zh, t.categoryName.en), align: 'center' },
      { kind: 'rule' },
      { kind: 'text', text: t.number, align: 'center', bold: true, size: { width: 4, height: 4 } },
      ...(t.greenChannel ? lines('绿色通道 优先办理', 'Green channel: served first', { bold: true }) : []),
      ...(t.offline
        ? [
            ...lines('网络中断时取号，号码有效', 'Taken while offline: this number is valid', { bold: true }),
            ...lines('等候人数暂无法显示，请留意叫号', 'People ahead unknown; listen for your number'),
          ]
        : [
            ...lines(
              `您前面还有 ${t.waitingAhead} 人在等候`,
              t.waitingAhead === 1 ? '1 person ahead of you' : `${t.waitingAhead} people ahead of you`,
            ),
            ...lines(
              `预计等候约 ${t.estimatedWaitMinutes} 分钟`,
              `Estimated wait: about ${t.estimatedWaitMinutes} min`,
            ),
          ]),
      ...lines(`取号时间 ${issuedAt}`, `Issued ${issuedAt}`),
      { kind: 'rule' },
      ...lines('过号无效，请重新取号', 'A missed number is void; take a new one', { bold: true }),
      ...lines('扫码查看排队进度', 'Scan to follow the queue'),
      { kind: 'qr', data: t.followUrl, moduleSize: 6, errorCorrection: 'M' },
      { kind: 'feed', lines: 3 },
      { kind: 'cut', partial: true },
    ],
  };
}
