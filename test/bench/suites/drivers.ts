import { ManualClock } from '../../../drivers/clock';
import { decodeCardText, encodeCardText } from '../../../drivers/id-card-reader/card-text';
import { encodeResponse, FrameParser } from '../../../drivers/id-card-reader/sdt-frame';
import { SdtCardReader } from '../../../drivers/id-card-reader/sdt-reader';
import {
  sampleIdentity,
  samplePhoto,
  SimulatedSdtCardDevice,
} from '../../../drivers/id-card-reader/simulated-sdt-device';
import type { PrintDocument } from '../../../drivers/printer/document';
import { encodeEscPos } from '../../../drivers/printer/escpos-encoder';
import { EscPosPaperDecoder } from '../../../drivers/printer/escpos-paper-decoder';
import { createSimulatedLink } from '../../../drivers/transports/simulated-link';
import { medianMs, type BenchFigure } from '../figure';

// Driver codecs in process: the CPU cost the kiosk adds on top of the wire time (a 1295-byte read
// frame takes about 110 ms at 115200 baud, so the decode must be negligible beside it).
const readFrame = (() => {
  const data = new Uint8Array(4 + 256 + 1024);
  data.set([1, 0, 4, 0], 0);
  data.set(encodeCardText(sampleIdentity()), 4);
  data.set(samplePhoto(), 260);
  return encodeResponse(0x90, data);
})();

const ticket: PrintDocument = {
  blocks: [
    {
      kind: 'text',
      text: '杭州市民之家 · 综合窗口',
      align: 'center',
      bold: true,
      size: { width: 2, height: 2 },
    },
    { kind: 'rule' },
    { kind: 'text', text: '排队号 A012　前面还有 5 人' },
    { kind: 'text', text: '姓名：张*　证件号：330106********1234' },
    { kind: 'text', text: '业务：社会保障卡补办。请留意叫号屏幕与语音提示，过号请重新取号。' },
    { kind: 'qr', data: 'https://gov.example/q/A012?hall=HALL-CITY-01' },
    { kind: 'feed', lines: 3 },
    { kind: 'cut', partial: true },
  ],
};

export const figures: BenchFigure[] = [
  {
    name: 'SDT read frame decode',
    unit: 'ms',
    target: 0.2,
    better: 'lower',
    measure: () =>
      medianMs(() => {
        const [frame] = new FrameParser().push(readFrame);
        if (!frame?.ok) throw new Error('frame did not parse');
        const text = decodeCardText(frame.body.subarray(7, 263));
        if (!text.ok) throw new Error(text.detail);
      }, 2000),
  },
  {
    name: 'SDT readCard over the simulated link (find+select+read)',
    unit: 'ms',
    target: 2,
    better: 'lower',
    measure: async () => {
      const link = createSimulatedLink('bench reader');
      new SimulatedSdtCardDevice(link.device).placeCard(sampleIdentity());
      const reader = new SdtCardReader(link.host, { clock: new ManualClock() });
      return medianMs(async () => {
        const r = await reader.readCard();
        if (!r.ok) throw new Error(r.detail);
      });
    },
  },
  {
    name: 'ESC/POS ticket encode',
    unit: 'ms',
    target: 1,
    better: 'lower',
    measure: () => medianMs(() => encodeEscPos(ticket, { paperWidthMm: 80 }), 2000),
  },
  {
    name: 'ESC/POS ticket paper decode (simulator)',
    unit: 'ms',
    target: 1,
    better: 'lower',
    measure: () => {
      const bytes = encodeEscPos(ticket, { paperWidthMm: 80 });
      return medianMs(() => new EscPosPaperDecoder().push(bytes), 2000);
    },
  },
];
