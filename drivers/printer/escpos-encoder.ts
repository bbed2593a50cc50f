import iconv from 'iconv-lite';
import { wrapParagraph } from '../../domain/line-break';
import type { PrintBlock, PrintDocument } from './document';

/*
 * Why not the `receiptline` package: it takes a markdown-like text, so citizen-provided text would
 * have to be escaped for its markup (an injection risk on an official ticket); it pulls its own
 * iconv-lite and pngjs; and we need exact control of the byte stream (GB18030 in FS & mode, native
 * QR) for the reference byte tests and the simulator's paper-decoder round-trip. The command set a
 * kiosk needs is small, so it is written here.
 */

export type PaperWidthMm = 58 | 80;

/** Font A columns: 48 on 80 mm (576 dots), 32 on 58 mm (384 dots). */
export const PAPER_COLUMNS: Readonly<Record<PaperWidthMm, number>> = { 80: 48, 58: 32 };

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export const CMD = {
  init: [ESC, 0x40],
  chineseOn: [FS, 0x26],
  chineseOff: [FS, 0x2e],
  align: (n: 0 | 1 | 2) => [ESC, 0x61, n],
  bold: (on: boolean) => [ESC, 0x45, on ? 1 : 0],
  size: (width: number, height: number) => [GS, 0x21, ((width - 1) << 4) | (height - 1)],
  feed: (lines: number) => [ESC, 0x64, lines],
  cut: (partial: boolean, feed: number) => [GS, 0x56, partial ? 0x42 : 0x41, feed],
  realtimeStatus: (n: 1 | 2 | 3 | 4) => [DLE, EOT, n],
} as const;

/** GS V m n with m = 65/66 already feeds to the cutting position; extra feed would waste paper. */
export const CUT_EXTRA_FEED = 0;
export const DEFAULT_QR_MODULE_SIZE = 6;
export const DEFAULT_QR_ERROR_CORRECTION = 'M';
const QR_EC_CODES = { L: 48, M: 49, Q: 50, H: 51 } as const;
/** Byte-mode capacity of the largest QR symbol (version 40, level L). */
export const QR_MAX_DATA_BYTES = 2953;
/** ESC d takes one byte. */
const MAX_FEED_PER_COMMAND = 255;

const ALIGN_CODES = { left: 0, center: 1, right: 2 } as const;

/**
 * Encodes a document for an ESC/POS printer in Chinese mode. Throws RangeError only for documents
 * that are bugs (QR data too large, bad sizes); citizen text never makes it throw.
 */
export function encodeEscPos(doc: PrintDocument, opts: { paperWidthMm: PaperWidthMm }): Uint8Array {
  const out = new ByteWriter();
  out.push(CMD.init, CMD.chineseOn);
  const columns = PAPER_COLUMNS[opts.paperWidthMm];
  for (const block of doc.blocks) encodeBlock(out, block, columns);
  return out.toBytes();
}

function encodeBlock(out: ByteWriter, block: PrintBlock, columns: number): void {
  switch (block.kind) {
    case 'text': {
      const width = block.size?.width ?? 1;
      const height = block.size?.height ?? 1;
      // Every block states its full style, so no block depends on what the previous one left set.
      out.push(
        CMD.align(ALIGN_CODES[block.align ?? 'left']),
        CMD.bold(block.bold ?? false),
        CMD.size(width, height),
      );
      for (const line of wrapText(block.text, Math.max(1, Math.floor(columns / width)))) {
        out.bytes(iconv.encode(line, 'gb18030'));
        out.byte(LF);
      }
      return;
    }
    case 'qr':
      out.push(CMD.align(1));
      encodeQr(out, block);
      return;
    case 'feed': {
      let remaining = Math.max(0, Math.floor(block.lines));
      while (remaining > 0) {
        const n = Math.min(remaining, MAX_FEED_PER_COMMAND);
        out.push(CMD.feed(n));
        remaining -= n;
      }
      return;
    }
    case 'rule':
      out.push(CMD.align(0), CMD.bold(false), CMD.size(1, 1));
      out.bytes(new Uint8Array(columns).fill(0x2d));
      out.byte(LF);
      return;
    case 'cut':
      out.push(CMD.cut(block.partial ?? false, CUT_EXTRA_FEED));
      return;
  }
}

/** GS ( k, model 2: select model, module size, error correction, store, print. */
function encodeQr(out: ByteWriter, block: Extract<PrintBlock, { kind: 'qr' }>): void {
  const moduleSize = block.moduleSize ?? DEFAULT_QR_MODULE_SIZE;
  if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > 16) {
    throw new RangeError('QR module size must be an integer 1..16');
  }
  // UTF-8 is what phone scanners assume for QR byte mode.
  const data = new TextEncoder().encode(block.data);
  if (data.length === 0 || data.length > QR_MAX_DATA_BYTES) {
    throw new RangeError(`QR data must be 1..${QR_MAX_DATA_BYTES} bytes`);
  }
  const qr = (fnBytes: number[]): number[] => [
    GS,
    0x28,
    0x6b,
    fnBytes.length & 0xff,
    fnBytes.length >> 8,
    ...fnBytes,
  ];
  out.push(qr([0x31, 0x41, 0x32, 0x00]));
  out.push(qr([0x31, 0x43, moduleSize]));
  out.push(qr([0x31, 0x45, QR_EC_CODES[block.errorCorrection ?? DEFAULT_QR_ERROR_CORRECTION]]));
  const storeLength = data.length + 3;
  out.push([GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30]);
  out.bytes(data);
  out.push(qr([0x31, 0x51, 0x30]));
}

/**
 * Columns a character takes in Chinese mode: every multi-byte GB18030 character prints full width
 * (2 columns), every ASCII character half width. GB18030 encodes exactly the code points above
 * U+007F as multi-byte, so the code point decides it.
 */
export function charColumns(ch: string): number {
  return ch.codePointAt(0)! < 0x80 ? 1 : 2;
}

export function textColumns(text: string): number {
  let n = 0;
  for (const ch of text) n += charColumns(ch);
  return n;
}

/**
 * Wraps to `columns` with Chinese line-breaking rules (domain/line-break): Latin text breaks at
 * spaces, CJK text between characters, and no line starts with closing punctuation.
 * Control characters are dropped: citizen-provided text must never smuggle printer commands in.
 */
export function wrapText(text: string, columns: number): string[] {
  return text.split(/\r?\n/).flatMap((paragraph) => {
    const clean = Array.from(paragraph.replace(/\t/g, ' '))
      .filter((ch) => !isControl(ch))
      .join('');
    return wrapParagraph(clean, columns, charColumns);
  });
}

function isControl(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp < 0x20 || cp === 0x7f;
}

class ByteWriter {
  private chunks: Uint8Array[] = [];
  private length = 0;

  push(...commands: readonly (readonly number[])[]): void {
    for (const c of commands) this.bytes(Uint8Array.from(c));
  }

  byte(b: number): void {
    this.bytes(Uint8Array.of(b));
  }

  bytes(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }

  toBytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }
}
