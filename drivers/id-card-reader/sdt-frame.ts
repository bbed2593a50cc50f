/**
 * SDT frame codec: `AA AA AA 96 69 | LEN_H LEN_L | body | CHK`, where LEN counts body + CHK and CHK
 * is the XOR of LEN and body.
 */
export const SDT_PREAMBLE: readonly number[] = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
const PREAMBLE_LENGTH = SDT_PREAMBLE.length;
const HEADER_LENGTH = PREAMBLE_LENGTH + 2;

/**
 * Largest LEN accepted. The biggest response is text + photo + fingerprint (about 2.3 KB); a larger
 * LEN is line noise, and rejecting it keeps the parser's buffer bounded.
 */
export const MAX_FRAME_LEN = 4096;

/** Command bytes (CMD, PARA) from the reader protocol. */
export const SDT_COMMANDS = {
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readTextPhoto: [0x30, 0x01],
  readTextPhotoFingerprint: [0x30, 0x10],
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  readSamId: [0x12, 0xff],
} as const satisfies Record<string, readonly [number, number]>;

export type SdtCommandName = keyof typeof SDT_COMMANDS;

export function xorChecksum(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

/** Wraps a body (command or response) into a complete frame with LEN and computed CHK. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > MAX_FRAME_LEN) throw new RangeError(`SDT body of ${body.length} bytes exceeds the frame limit`);
  const frame = new Uint8Array(HEADER_LENGTH + len);
  frame.set(SDT_PREAMBLE, 0);
  frame[PREAMBLE_LENGTH] = len >> 8;
  frame[PREAMBLE_LENGTH + 1] = len & 0xff;
  frame.set(body, HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame.subarray(PREAMBLE_LENGTH, frame.length - 1));
  return frame;
}

export function encodeCommand(command: SdtCommandName): Uint8Array {
  return encodeFrame(Uint8Array.from(SDT_COMMANDS[command]));
}

/** A response body is `SW1 SW2 SW3 data...`. */
export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[2] = sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

export interface SdtResponse {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

export function decodeResponse(body: Uint8Array): SdtResponse | null {
  if (body.length < 3) return null;
  return { sw1: body[0]!, sw2: body[1]!, sw3: body[2]!, data: body.subarray(3) };
}

export type FrameParseResult =
  | { ok: true; body: Uint8Array }
  | { ok: false; error: 'checksum'; detail: string }
  | { ok: false; error: 'length'; detail: string };

/**
 * Incremental parser: push whatever the link delivered, get back the complete frames. Hunts for the
 * preamble to resynchronise after garbage; a bad checksum or an impossible LEN is reported as a
 * result and parsing goes on one byte after that preamble, so a real frame hidden behind a
 * corrupt header is still found.
 */
export class FrameParser {
  private buffer = new Uint8Array(0);
  /** Bytes dropped while hunting for a preamble; for diagnostics. */
  discardedBytes = 0;

  constructor(private readonly maxFrameLen = MAX_FRAME_LEN) {}

  get bufferedBytes(): number {
    return this.buffer.length;
  }

  reset(): void {
    this.buffer = new Uint8Array(0);
  }

  push(chunk: Uint8Array): FrameParseResult[] {
    const merged = new Uint8Array(this.buffer.length + chunk.length);
    merged.set(this.buffer, 0);
    merged.set(chunk, this.buffer.length);
    let buf = merged;
    const results: FrameParseResult[] = [];

    for (;;) {
      const start = findPreamble(buf);
      if (start < 0) {
        // findPreamble already reports a preamble prefix at the end, so nothing here can be a frame.
        this.discardedBytes += buf.length;
        buf = buf.subarray(buf.length);
        break;
      }
      this.discardedBytes += start;
      buf = buf.subarray(start);
      if (buf.length < HEADER_LENGTH) break;
      const len = (buf[PREAMBLE_LENGTH]! << 8) | buf[PREAMBLE_LENGTH + 1]!;
      if (len < 1 || len > this.maxFrameLen) {
        results.push({
          ok: false,
          error: 'length',
          detail: `frame LEN ${len} out of range 1..${this.maxFrameLen}`,
        });
        buf = buf.subarray(1);
        continue;
      }
      const total = HEADER_LENGTH + len;
      if (buf.length < total) break;
      const expected = xorChecksum(buf.subarray(PREAMBLE_LENGTH, total - 1));
      const actual = buf[total - 1]!;
      if (expected !== actual) {
        results.push({
          ok: false,
          error: 'checksum',
          detail: `frame checksum 0x${hex(actual)} expected 0x${hex(expected)} (LEN ${len})`,
        });
        buf = buf.subarray(1);
        continue;
      }
      results.push({ ok: true, body: Uint8Array.from(buf.subarray(HEADER_LENGTH, total - 1)) });
      buf = buf.subarray(total);
    }
    this.buffer = Uint8Array.from(buf);
    return results;
  }
}

/** Index of the first full preamble, or of a preamble prefix at the very end, or -1. */
function findPreamble(buf: Uint8Array): number {
  outer: for (let i = 0; i < buf.length; i++) {
    for (let j = 0; j < PREAMBLE_LENGTH; j++) {
      if (i + j >= buf.length) return i;
      if (buf[i + j] !== SDT_PREAMBLE[j]) continue outer;
    }
    return i;
  }
  return -1;
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}
