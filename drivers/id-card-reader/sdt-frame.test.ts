import { describe, expect, it } from 'vitest';
import {
  decodeResponse,
  encodeCommand,
  encodeFrame,
  encodeResponse,
  FrameParser,
  MAX_FRAME_LEN,
  xorChecksum,
} from './sdt-frame';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

describe('SDT frame encoding', () => {
  it('encodes every command exactly as the protocol reference lists it', () => {
    expect(hex(encodeCommand('findCard'))).toBe('AAAAAA96690003200122');
    expect(hex(encodeCommand('selectCard'))).toBe('AAAAAA96690003200221');
    expect(hex(encodeCommand('readTextPhoto'))).toBe('AAAAAA96690003300132');
    expect(hex(encodeCommand('readTextPhotoFingerprint'))).toBe('AAAAAA96690003301023');
    expect(hex(encodeCommand('resetSam'))).toBe('AAAAAA9669000310FFEC');
    expect(hex(encodeCommand('samStatus'))).toBe('AAAAAA9669000311FFED');
    expect(hex(encodeCommand('readSamId'))).toBe('AAAAAA9669000312FFEE');
  });

  it('encodes the reference find and select success responses with their checksums', () => {
    expect(hex(encodeResponse(0x9f, new Uint8Array(4)))).toBe('AAAAAA9669000800009F0000000097');
    expect(hex(encodeResponse(0x90, new Uint8Array(8)))).toBe('AAAAAA9669000C00009000000000000000009C');
  });

  it('computes the checksum over LEN and body, never the preamble', () => {
    const frame = encodeFrame(Uint8Array.of(1, 2, 3));
    expect(frame.at(-1)).toBe(xorChecksum(frame.subarray(5, -1)));
    expect(frame.at(-1)).toBe(0x00 ^ 0x04 ^ 1 ^ 2 ^ 3);
  });

  it('builds a 1295-byte read frame for 256 + 1024 bytes of data', () => {
    const data = new Uint8Array(4 + 256 + 1024);
    expect(encodeResponse(0x90, data).length).toBe(1295);
  });
});

describe('FrameParser', () => {
  const body = Uint8Array.of(0x00, 0x00, 0x90, 0xaa, 0x96, 0x69, 7);
  const frame = encodeFrame(body);

  it('round-trips a frame', () => {
    const results = new FrameParser().push(frame);
    expect(results).toEqual([{ ok: true, body }]);
    expect(decodeResponse(body)).toEqual({ sw1: 0, sw2: 0, sw3: 0x90, data: body.subarray(3) });
  });

  it('reassembles a frame split into single bytes', () => {
    const parser = new FrameParser();
    const results = [...frame].flatMap((b) => parser.push(Uint8Array.of(b)));
    expect(results).toEqual([{ ok: true, body }]);
    expect(parser.bufferedBytes).toBe(0);
  });

  it('returns several frames from one chunk', () => {
    const two = new Uint8Array([...frame, ...encodeResponse(0x80)]);
    const results = new FrameParser().push(two);
    expect(results.map((r) => r.ok && r.body[2])).toEqual([0x90, 0x80]);
  });

  it('resynchronises after garbage, including a false preamble start', () => {
    const parser = new FrameParser();
    const garbage = Uint8Array.of(0x13, 0xaa, 0xaa, 0x00, 0xaa, 0xaa, 0xaa, 0x96, 0x12);
    expect(parser.push(garbage)).toEqual([]);
    expect(parser.push(frame)).toEqual([{ ok: true, body }]);
    expect(parser.discardedBytes).toBe(garbage.length);
  });

  it('keeps a preamble prefix split across chunks', () => {
    const parser = new FrameParser();
    expect(parser.push(Uint8Array.of(0x01, 0xaa, 0xaa))).toEqual([]);
    expect(parser.push(frame.subarray(2))).toEqual([{ ok: true, body }]);
  });

  it('reports a bad checksum as a typed result and continues with the next frame', () => {
    const bad = Uint8Array.from(frame);
    bad[bad.length - 1]! ^= 0x01;
    const parser = new FrameParser();
    const results = parser.push(new Uint8Array([...bad, ...frame]));
    expect(results[0]).toMatchObject({ ok: false, error: 'checksum' });
    expect(results.at(-1)).toEqual({ ok: true, body });
  });

  it('rejects an impossible LEN without waiting for kilobytes, and stays bounded', () => {
    const parser = new FrameParser();
    const results = parser.push(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, 1, 2, 3));
    expect(results).toEqual([{ ok: false, error: 'length', detail: expect.stringContaining('65535') }]);
    expect(parser.push(frame)).toEqual([{ ok: true, body }]);
    const noise = new Uint8Array(100_000).fill(0x55);
    parser.push(noise);
    expect(parser.bufferedBytes).toBeLessThanOrEqual(7 + MAX_FRAME_LEN);
  });

  it('refuses to encode a body above the frame limit', () => {
    expect(() => encodeFrame(new Uint8Array(MAX_FRAME_LEN))).toThrow(RangeError);
  });
});
