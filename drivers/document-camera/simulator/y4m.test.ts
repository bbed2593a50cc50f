import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blackFrame, renderTestPage, testPageY4m } from './test-page';
import { decodeY4mFirstFrame, encodeY4m } from './y4m';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'y4m-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const solid = (width: number, height: number, rgb: [number, number, number]) => {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...rgb, 255], i);
  return { width, height, data };
};

describe('encodeY4m', () => {
  it('writes the header, a FRAME marker and 4:2:0 planes per frame', () => {
    const file = encodeY4m(solid(4, 2, [255, 255, 255]), 2);
    const header = 'YUV4MPEG2 W4 H2 F15:1 Ip A1:1 C420mpeg2\n';
    expect(file.subarray(0, header.length).toString('ascii')).toBe(header);
    const frame = 6 + 4 * 2 + 2 * (2 * 1);
    expect(file.length).toBe(header.length + 2 * frame);
    const planes = file.subarray(header.length + 6, header.length + frame);
    // Limited range: white is Y 235, neutral chroma 128.
    expect([...planes]).toEqual([235, 235, 235, 235, 235, 235, 235, 235, 128, 128, 128, 128]);
    expect(file.subarray(header.length + frame, header.length + frame + 6).toString('ascii')).toBe('FRAME\n');
  });

  it('keeps colours through a round trip within the format’s rounding', () => {
    for (const rgb of [
      [0, 0, 0],
      [200, 40, 40],
      [35, 38, 43],
      [245, 243, 238],
    ] as [number, number, number][]) {
      const back = decodeY4mFirstFrame(encodeY4m(solid(8, 8, rgb)));
      expect(back.width).toBe(8);
      for (let c = 0; c < 3; c++) expect(Math.abs(back.data[c]! - rgb[c]!)).toBeLessThanOrEqual(3);
    }
  });

  it.each([
    ['an odd size', { width: 3, height: 2, data: new Uint8Array(24) }, /even/],
    ['data of another size', { width: 4, height: 2, data: new Uint8Array(8) }, /RGBA/],
  ])('refuses %s', (_case, image, message) => {
    expect(() => encodeY4m(image)).toThrow(message);
  });

  it('refuses a frame count that is not one', () => {
    expect(() => encodeY4m(solid(2, 2, [0, 0, 0]), 0)).toThrow(/frames/);
  });

  it('tells a truncated file', () => {
    const file = encodeY4m(solid(4, 4, [1, 2, 3]));
    expect(() => decodeY4mFirstFrame(file.subarray(0, file.length - 3))).toThrow(/truncated/);
  });
});

describe('the simulated camera’s test page', () => {
  it('survives the camera’s YUV and is read back by a QR decoder', async () => {
    const frame = decodeY4mFirstFrame(await testPageY4m({ qrText: 'scan-test-page-7' }));
    expect([frame.width, frame.height]).toEqual([2048, 1536]);
    const file = join(dir, 'frame.png');
    await writeFile(
      file,
      await sharp(Buffer.from(frame.data), { raw: { width: frame.width, height: frame.height, channels: 4 } })
        .png()
        .toBuffer(),
    );
    const { stdout } = await run('zbarimg', ['--quiet', '--raw', file]);
    expect(stdout.trim()).toBe('scan-test-page-7');
  });

  it('lays a light page on a dark plate', async () => {
    const page = await renderTestPage({ qrText: 'x', width: 400, height: 300 });
    const at = (x: number, y: number) => page.data[(y * page.width + x) * 4]!;
    expect(at(5, 5)).toBeLessThan(60);
    expect(at(200, 290 / 2 + 60)).toBeGreaterThan(200);
  });

  it('makes a black frame black', () => {
    const black = decodeY4mFirstFrame(encodeY4m(blackFrame(16, 16)));
    expect(Math.max(...black.data.filter((_, i) => i % 4 !== 3))).toBe(0);
  });
});
