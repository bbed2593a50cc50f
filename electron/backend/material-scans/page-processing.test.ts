import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processPage } from './page-processing';

const run = promisify(execFile);
const FRAME = { width: 2048, height: 1536 };
const PAGE = { left: 324, top: 168, width: 1400, height: 1000 };
const QR_TEXT = 'material-scan-page-1';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'page-processing-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A camera still: a dark base plate with a light page (printed lines and a QR code) on it. */
async function still(options: { skewDegrees?: number; format?: 'png' | 'jpeg' } = {}): Promise<Buffer> {
  const qr = await QRCode.toString(QR_TEXT, { type: 'svg', margin: 2 });
  const qrInner = qr.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const lines = Array.from(
    { length: 12 },
    (_, i) => `<rect x="80" y="${80 + i * 60}" width="${700 - (i % 3) * 120}" height="18" fill="#222"/>`,
  ).join('');
  const cx = PAGE.left + PAGE.width / 2;
  const cy = PAGE.top + PAGE.height / 2;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${FRAME.width}" height="${FRAME.height}">
    <rect width="100%" height="100%" fill="#2a2d33"/>
    <g transform="rotate(${options.skewDegrees ?? 0} ${cx} ${cy}) translate(${PAGE.left} ${PAGE.top})">
      <rect width="${PAGE.width}" height="${PAGE.height}" fill="#f4f2ec"/>
      ${lines}
      <svg x="880" y="80" width="440" height="440" viewBox="0 0 29 29">${qrInner}</svg>
    </g>
  </svg>`;
  const image = sharp(Buffer.from(svg));
  return options.format === 'jpeg' ? image.jpeg({ quality: 92 }).toBuffer() : image.png().toBuffer();
}

async function solid(r: number, g: number, b: number, size = FRAME): Promise<Buffer> {
  return sharp({ create: { ...size, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer();
}

async function decodeQr(jpeg: Buffer): Promise<string> {
  const file = join(dir, `page-${Math.random().toString(36).slice(2)}.jpg`);
  await writeFile(file, jpeg);
  const { stdout } = await run('zbarimg', ['--quiet', '--raw', file]);
  return stdout.trim();
}

describe('processPage', () => {
  it('crops a square-on page to its edges and keeps it readable', async () => {
    const result = await processPage(await still(), { maxBytes: 2_000_000 });
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(Math.abs(result.width - PAGE.width)).toBeLessThanOrEqual(12);
    expect(Math.abs(result.height - PAGE.height)).toBeLessThanOrEqual(12);
    expect(result.jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const meta = await sharp(result.jpeg).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', result.width, result.height]);
    expect(await decodeQr(result.jpeg)).toBe(QR_TEXT);
  });

  it.each([4, -6, 10])('straightens a page placed %d° askew', async (skew) => {
    const result = await processPage(await still({ skewDegrees: skew }), { maxBytes: 2_000_000 });
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    // An uncorrected crop would be the turned page's bounding box, far bigger than the page.
    expect(Math.abs(result.width - PAGE.width)).toBeLessThanOrEqual(PAGE.width * 0.02);
    expect(Math.abs(result.height - PAGE.height)).toBeLessThanOrEqual(PAGE.height * 0.02);
    // Straight means the corners are page, not base plate.
    const { data, info } = await sharp(result.jpeg)
      .greyscale()
      .extract({ left: 4, top: 4, width: 8, height: 8 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const cornerMean = data.reduce((s, v) => s + v, 0) / (info.width * info.height);
    expect(cornerMean).toBeGreaterThan(150);
    expect(await decodeQr(result.jpeg)).toBe(QR_TEXT);
  });

  it('reads a JPEG still as well as a PNG one', async () => {
    const result = await processPage(await still({ format: 'jpeg' }), { maxBytes: 2_000_000 });
    expect(result.ok).toBe(true);
  });

  it('steps quality and size down to fit the byte budget', async () => {
    const input = await still();
    const roomy = await processPage(input, { maxBytes: 5_000_000 });
    const tight = await processPage(input, { maxBytes: 20_000 });
    if (!roomy.ok || !tight.ok) throw new Error('refused');
    expect(tight.jpeg.length).toBeLessThanOrEqual(20_000);
    expect(tight.jpeg.length).toBeLessThan(roomy.jpeg.length);
    expect(await decodeQr(tight.jpeg)).toBe(QR_TEXT);
  });

  it('scales the page to the long side asked for', async () => {
    const result = await processPage(await still(), { maxBytes: 2_000_000, maxLongSide: 1000 });
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(Math.max(result.width, result.height)).toBe(1000);
  });

  it('refuses a budget no readable page fits in', async () => {
    expect(await processPage(await still(), { maxBytes: 2_000 })).toEqual({ ok: false, reason: 'too-large' });
  });

  it.each([
    ['random bytes', Buffer.from('not an image at all, just text')],
    ['an empty buffer', Buffer.alloc(0)],
  ])('refuses %s as not an image', async (_name, input) => {
    expect(await processPage(input, { maxBytes: 1_000_000 })).toEqual({ ok: false, reason: 'not-an-image' });
  });

  it('refuses a truncated still as not an image', async () => {
    const whole = await still();
    const cut = whole.subarray(0, Math.floor(whole.length / 2));
    expect(await processPage(cut, { maxBytes: 1_000_000 })).toEqual({ ok: false, reason: 'not-an-image' });
  });

  it('refuses an image format a camera does not send', async () => {
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    expect(await processPage(gif, { maxBytes: 1_000_000 })).toEqual({ ok: false, reason: 'not-an-image' });
  });

  it('refuses a black frame', async () => {
    expect(await processPage(await solid(0, 0, 0), { maxBytes: 1_000_000 })).toEqual({
      ok: false,
      reason: 'black-frame',
    });
    // Limited-range video black (Y=16) decodes to a dark grey, still black to the citizen.
    expect(await processPage(await solid(18, 18, 18), { maxBytes: 1_000_000 })).toEqual({
      ok: false,
      reason: 'black-frame',
    });
  });

  it('finds no page on an empty base plate or under a scrap', async () => {
    expect(await processPage(await solid(60, 64, 70), { maxBytes: 1_000_000 })).toEqual({
      ok: false,
      reason: 'no-page-found',
    });
    const scrap = await sharp(await solid(40, 40, 40))
      .composite([{ input: await solid(250, 250, 250, { width: 200, height: 150 }), left: 900, top: 700 }])
      .png()
      .toBuffer();
    expect(await processPage(scrap, { maxBytes: 1_000_000 })).toEqual({ ok: false, reason: 'no-page-found' });
  });

  it('keeps the whole view when a page fills it', async () => {
    const result = await processPage(await solid(240, 240, 236), { maxBytes: 2_000_000 });
    expect(result).toMatchObject({ ok: true, width: FRAME.width, height: FRAME.height });
  });

  it('says nothing of the image when it refuses one', async () => {
    const secret = Buffer.from('ID 110101199003071234 ZHANG SAN');
    const result = await processPage(secret, { maxBytes: 1_000_000 });
    expect(JSON.stringify(result)).not.toMatch(/1101|ZHANG/);
  });

  it('rejects a budget that is no budget', async () => {
    await expect(processPage(await still(), { maxBytes: 0 })).rejects.toThrow(/maxBytes/);
  });
});
