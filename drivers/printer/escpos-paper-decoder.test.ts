import { describe, expect, it } from 'vitest';
import type { PrintDocument } from './document';
import { encodeEscPos } from './escpos-encoder';
import { EscPosPaperDecoder } from './escpos-paper-decoder';

const ticket: PrintDocument = {
  blocks: [
    { kind: 'text', text: '杭州市民之家', align: 'center', bold: true, size: { width: 2, height: 2 } },
    { kind: 'rule' },
    { kind: 'text', text: '号码 A012 ¥0.00' },
    { kind: 'text', text: '姓名：张*　证件：330106********1234' },
    { kind: 'qr', data: 'https://gov.example/q/A012?t=社保' },
    { kind: 'feed', lines: 2 },
    { kind: 'cut', partial: true },
  ],
};

describe('EscPosPaperDecoder', () => {
  it('round-trips an encoded ticket with Chinese text, QR, feed and cut', () => {
    const paper = new EscPosPaperDecoder();
    paper.push(encodeEscPos(ticket, { paperWidthMm: 80 }));
    expect(paper.lines()).toEqual([
      '杭州市民之家',
      '-'.repeat(48),
      '号码 A012 ¥0.00',
      '姓名：张*　证件：330106********1234',
      '[QR] https://gov.example/q/A012?t=社保',
      '',
      '',
      '[CUT]',
    ]);
  });

  it('gives the same lines when bytes arrive one at a time', () => {
    const bytes = encodeEscPos(ticket, { paperWidthMm: 58 });
    const whole = new EscPosPaperDecoder();
    whole.push(bytes);
    const split = new EscPosPaperDecoder();
    for (const b of bytes) split.push(Uint8Array.of(b));
    expect(split.lines()).toEqual(whole.lines());
    expect(whole.lines()[0]).toBe('杭州市民之家');
  });

  it('shows wrapped long text as several lines', () => {
    const paper = new EscPosPaperDecoder();
    paper.push(encodeEscPos({ blocks: [{ kind: 'text', text: '办'.repeat(20) }] }, { paperWidthMm: 58 }));
    expect(paper.lines()).toEqual(['办'.repeat(16), '办'.repeat(4)]);
  });

  it('skips unknown and image commands safely and ignores NUL runs', () => {
    const paper = new EscPosPaperDecoder();
    const raster = [0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x0a, 0x1b, 0x1d, 0x10]; // 2x2 bytes of "image"
    paper.push(
      Uint8Array.from([
        ...new Uint8Array(64),
        0x1b,
        0x7e,
        0x01, // unknown ESC ~ n
        0x1d,
        0x28,
        0x4c,
        0x02,
        0x00,
        0x30,
        0x45, // GS ( L with its own length
        ...raster,
        0x10,
        0x04,
        0x01, // a real-time status request is not paper
        0x41,
        0x0a,
      ]),
    );
    expect(paper.lines()).toEqual(['A']);
  });

  it('never throws on random bytes', () => {
    const paper = new EscPosPaperDecoder();
    let seed = 1;
    for (let i = 0; i < 200; i++) {
      const chunk = new Uint8Array(97).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
      expect(() => paper.push(chunk)).not.toThrow();
    }
  });
});
