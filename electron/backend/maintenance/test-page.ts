import { hallTime } from '../../../domain/hall-time';
import type { PrintDocument } from '../../../drivers/printer/document';

/**
 * The test page: a Chinese line (GB18030 through the real encoder), a QR code, a cut. Its time is
 * hall time, as on every other paper, so it can be matched with the hall's clock and the audit.
 */
export function testPage(terminalId: string, now: number, hallName?: string): PrintDocument {
  return {
    blocks: [
      { kind: 'text', text: '打印测试页', align: 'center', bold: true, size: { width: 2, height: 2 } },
      { kind: 'text', text: 'Printer test page', align: 'center' },
      { kind: 'rule' },
      { kind: 'text', text: '中文测试：政务服务自助终端，一窗受理。' },
      ...(hallName ? [{ kind: 'text' as const, text: `大厅 Hall: ${hallName}` }] : []),
      { kind: 'text', text: `终端 Terminal: ${terminalId}` },
      { kind: 'text', text: `时间 Time: ${hallTime(new Date(now).toISOString())}（北京时间 UTC+8）` },
      { kind: 'qr', data: `KIOSK-SELFTEST:${terminalId}` },
      { kind: 'feed', lines: 2 },
      { kind: 'cut' },
    ],
  };
}
