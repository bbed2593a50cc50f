import type { PrintDocument } from '../../../drivers/printer/document';
import { hallTime } from '../../../domain/hall-time';
import { BILINGUAL_PAPER, type PaperWording } from '../devices/paper-wording';
import { ticketDocument, type TicketForPaper } from '../queue/paper';

export interface BookingForPaper {
  hallName: string;
  code: string;
  qrPayload: string;
  categoryName: { zh: string; en: string };
  serviceDate: string;
  startTime: string;
  endTime: string;
  /** The card holder's masked name (张*); empty for a typed ID number, which shows no name. */
  maskedName: string;
  printedAt: string;
}

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;
const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** The checked-in ticket says why it is called early: an appointment (预约优先). */
export const APPOINTMENT_PRIORITY_ZH = '预约优先 按预约时段优先叫号';
export const APPOINTMENT_PRIORITY_EN = 'Appointment: called with priority';

/**
 * The booking slip, printed when the booking is made: where and when, for what, the booking
 * number and its QR code, what to bring and how to check in. Only the masked name is printed.
 */
export function bookingSlipDocument(
  b: BookingForPaper,
  wording: PaperWording = BILINGUAL_PAPER,
): PrintDocument {
  const day = new Date(`${b.serviceDate}T00:00:00Z`).getUTCDay();
  const when = `${b.serviceDate} ${WEEKDAY_ZH[day]}${wording.english ? ` ${WEEKDAY_EN[day]}` : ''} ${b.startTime}–${b.endTime}`;
  return {
    blocks: [
      { kind: 'text', text: b.hallName, align: 'center', bold: true, size: { width: 2, height: 2 } },
      { kind: 'text', text: wording.line('预约凭证', 'Appointment slip'), align: 'center', bold: true },
      { kind: 'rule' },
      { kind: 'text', text: wording.label('预约号', 'Booking number'), align: 'center' },
      { kind: 'text', text: b.code, align: 'center', bold: true, size: { width: 2, height: 2 } },
      {
        kind: 'text',
        text: wording.field('办理业务', 'Service', wording.line(b.categoryName.zh, b.categoryName.en)),
      },
      { kind: 'text', text: wording.field('预约时间', 'Time', when) },
      ...(b.maskedName
        ? [{ kind: 'text' as const, text: wording.field('预约人', 'Name', b.maskedName) }]
        : []),
      { kind: 'rule' },
      { kind: 'text', text: wording.label('请携带', 'Please bring') },
      { kind: 'text', text: '本人有效身份证件原件，及所办事项要求的材料' },
      ...wording.englishLines('Your ID card and the materials the service requires').map((text) => ({
        kind: 'text' as const,
        text,
      })),
      { kind: 'text', text: wording.label('签到', 'Check-in') },
      {
        kind: 'text',
        text: '请在预约时段开始前 1 小时至结束后 15 分钟内，到本大厅自助终端首页扫描下方二维码（或刷身份证）签到，取预约优先号',
      },
      ...wording
        .englishLines(
          'From 1 hour before to 15 minutes after your time, scan this QR code (or insert your ID card) at a kiosk of this hall for a priority number',
        )
        .map((text) => ({ kind: 'text' as const, text })),
      { kind: 'text', text: '逾期未签到，预约失效', bold: true },
      { kind: 'qr', data: b.qrPayload, moduleSize: 6, errorCorrection: 'M' },
      { kind: 'text', text: `打印时间 ${hallTime(b.printedAt)}`, align: 'center' },
      { kind: 'feed', lines: 3 },
      { kind: 'cut', partial: true },
    ],
  };
}

/** The queue ticket of a checked-in appointment, with the reason it is called early under its number. */
export function checkInTicketDocument(
  t: TicketForPaper,
  wording: PaperWording = BILINGUAL_PAPER,
): PrintDocument {
  const doc = ticketDocument({ ...t, greenChannel: false }, wording);
  const at = doc.blocks.findIndex((b) => b.kind === 'text' && b.text === t.number);
  const priority: PrintDocument['blocks'] = [
    {
      kind: 'text',
      text: wording.line(APPOINTMENT_PRIORITY_ZH, APPOINTMENT_PRIORITY_EN),
      align: 'center',
      bold: true,
    },
  ];
  return { ...doc, blocks: [...doc.blocks.slice(0, at + 1), ...priority, ...doc.blocks.slice(at + 1)] };
}
