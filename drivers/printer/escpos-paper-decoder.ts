import iconv from 'iconv-lite';
import { DLE, ESC, FS, GS, LF } from './escpos-encoder';

/** A line longer than this without LF is printed as is; keeps the decoder's memory bounded. */
const MAX_LINE_BYTES = 4096;

type Step =
  | { need: 'more' }
  | { len: number; skipAfter?: number; feed?: number; cut?: true; qrStore?: Uint8Array; qrPrint?: true };

/**
 * The simulator's "paper": turns an ESC/POS byte stream back into printed lines. Text is GB18030 and
 * ends at LF; a QR print becomes `[QR] <data>`, a cut `[CUT]`, a feed of n lines n empty lines.
 * Commands are parsed byte by byte between text, which is safe because no GB18030 trail byte is
 * below 0x30, so ESC / GS / FS / DLE / LF never occur inside a character. Unknown commands are
 * skipped by their best-known length; nothing here throws on input.
 */
export class EscPosPaperDecoder {
  private buffer = new Uint8Array(0);
  private skip = 0;
  private lineBytes: number[] = [];
  private qrData: Uint8Array | undefined;
  private readonly printed: string[] = [];

  /** Feeds bytes; returns the lines this chunk completed. */
  push(chunk: Uint8Array): string[] {
    const before = this.printed.length;
    let data = chunk;
    if (this.skip > 0) {
      const n = Math.min(this.skip, data.length);
      this.skip -= n;
      data = data.subarray(n);
    }
    const buf = new Uint8Array(this.buffer.length + data.length);
    buf.set(this.buffer, 0);
    buf.set(data, this.buffer.length);

    let i = 0;
    while (i < buf.length) {
      const b = buf[i]!;
      if (b >= 0x20 && b !== 0x7f) {
        this.lineBytes.push(b);
        if (this.lineBytes.length >= MAX_LINE_BYTES) this.endLine();
        i++;
        continue;
      }
      if (b === LF) {
        this.endLine();
        i++;
        continue;
      }
      if (b !== ESC && b !== GS && b !== FS && b !== DLE) {
        i++; // NUL (used to unstick printers), CR, other controls: nothing on paper
        continue;
      }
      const step = parseCommand(buf, i);
      if ('need' in step) break;
      this.apply(step);
      i += step.len;
      if (step.skipAfter) {
        const available = Math.min(step.skipAfter, buf.length - i);
        i += available;
        this.skip = step.skipAfter - available;
      }
    }
    this.buffer = buf.slice(i);
    return this.printed.slice(before);
  }

  /** Every line printed so far (text not yet ended by LF is not a line yet). */
  lines(): string[] {
    return [...this.printed];
  }

  clear(): void {
    this.printed.length = 0;
  }

  /** Forgets partial commands and text, as a printer does on power-up. */
  reset(): void {
    this.buffer = new Uint8Array(0);
    this.skip = 0;
    this.lineBytes = [];
    this.qrData = undefined;
  }

  private apply(step: Exclude<Step, { need: 'more' }>): void {
    if (step.qrStore) this.qrData = step.qrStore;
    if (step.feed !== undefined) {
      if (this.lineBytes.length > 0) this.endLine();
      for (let n = 0; n < step.feed; n++) this.printed.push('');
    }
    if (step.qrPrint) {
      if (this.lineBytes.length > 0) this.endLine();
      this.printed.push(`[QR] ${this.qrData ? new TextDecoder().decode(this.qrData) : ''}`);
    }
    if (step.cut) {
      if (this.lineBytes.length > 0) this.endLine();
      this.printed.push('[CUT]');
    }
  }

  private endLine(): void {
    this.printed.push(iconv.decode(Buffer.from(this.lineBytes), 'gb18030'));
    this.lineBytes = [];
  }
}

const MORE: Step = { need: 'more' };

/** Length and meaning of the command starting at buf[i] (an ESC, GS, FS or DLE byte). */
function parseCommand(buf: Uint8Array, i: number): Step {
  const at = (k: number): number | undefined => buf[i + k];
  const lead = at(0)!;
  const c = at(1);
  if (c === undefined) return MORE;
  const fixed = (len: number): Step => (i + len <= buf.length ? { len } : MORE);

  if (lead === DLE) {
    if (c === 0x04 || c === 0x05) return fixed(3); // real-time status / request
    if (c === 0x14) return fixed(5); // DLE DC4 fn m t
    return fixed(2);
  }
  if (lead === FS) {
    if (c === 0x26 || c === 0x2e) return fixed(2); // Chinese mode on / off
    if (c === 0x53) return fixed(4); // FS S n1 n2
    if ([0x21, 0x2d, 0x43, 0x57].includes(c)) return fixed(3);
    return fixed(2);
  }
  if (lead === ESC) {
    if (c === 0x64) {
      const n = at(2);
      return n === undefined ? MORE : { len: 3, feed: n };
    }
    if (c === 0x40 || c === 0x32 || c === 0x3c) return fixed(2);
    if (c === 0x70) return fixed(5); // ESC p m t1 t2 (drawer kick)
    if (c === 0x63) return fixed(4); // ESC c 3/4/5 n
    if (c === 0x2a) {
      // ESC * m nL nH: bit image, 1 or 3 bytes per column
      const m = at(2);
      const nL = at(3);
      const nH = at(4);
      if (m === undefined || nL === undefined || nH === undefined) return MORE;
      return { len: 5, skipAfter: (nL + nH * 256) * (m >= 32 ? 3 : 1) };
    }
    return fixed(3); // ESC a / E / ! / - / G / M / t / J / 3 / R / V / { ... all take one parameter
  }
  // GS
  if (c === 0x28) {
    // GS ( fn pL pH payload: every GS ( function carries its own length
    const fn = at(2);
    const pL = at(3);
    const pH = at(4);
    if (fn === undefined || pL === undefined || pH === undefined) return MORE;
    const payloadLength = pL + pH * 256;
    if (i + 5 + payloadLength > buf.length) return MORE;
    const payload = buf.subarray(i + 5, i + 5 + payloadLength);
    const step: Exclude<Step, { need: 'more' }> = { len: 5 + payloadLength };
    if (fn === 0x6b && payload[0] === 0x31 && payload[1] === 0x50 && payload[2] === 0x30) {
      step.qrStore = Uint8Array.from(payload.subarray(3));
    } else if (fn === 0x6b && payload[0] === 0x31 && payload[1] === 0x51) {
      step.qrPrint = true;
    }
    return step;
  }
  if (c === 0x56) {
    const m = at(2);
    if (m === undefined) return MORE;
    const len = m === 0x41 || m === 0x42 || m === 0x61 || m === 0x62 ? 4 : 3;
    return i + len <= buf.length ? { len, cut: true } : MORE;
  }
  if (c === 0x76) {
    // GS v 0 m xL xH yL yH: raster image
    if (i + 8 > buf.length) return MORE;
    return { len: 8, skipAfter: (at(4)! + at(5)! * 256) * (at(6)! + at(7)! * 256) };
  }
  if (c === 0x6b) {
    // GS k m: barcode, NUL-terminated (m 0..6) or counted (m 65..)
    const m = at(2);
    if (m === undefined) return MORE;
    if (m <= 6) {
      const end = buf.indexOf(0, i + 3);
      return end < 0 ? MORE : { len: end - i + 1 };
    }
    const n = at(3);
    return n === undefined ? MORE : fixed(4 + n);
  }
  if (c === 0x4c || c === 0x57 || c === 0x50) return fixed(4); // GS L / W / P: two parameters
  return fixed(3); // GS ! / a / r / B / H / h / w / f / e ... one parameter
}
