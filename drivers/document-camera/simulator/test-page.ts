import QRCode from 'qrcode';
import sharp from 'sharp';
import { encodeY4m, type RgbaImage } from './y4m';

/**
 * What the simulated 高拍仪 sees: a light page with printed lines and a QR code, lying on the
 * camera's dark base plate. The QR code's text lets a test check that the stored page is this one.
 */
export interface TestPageOptions {
  /** Frame size; 2048×1536 is a 3 MP camera mode. */
  width?: number;
  height?: number;
  /** What the QR code on the page says. */
  qrText: string;
  /** The page turned by this many degrees, as a hand places it. */
  skewDegrees?: number;
}

export const TEST_FRAME = { width: 2048, height: 1536 } as const;

/** Draws the scene as SVG and rasterises it with sharp (librsvg): no browser needed to make it. */
export async function renderTestPage(options: TestPageOptions): Promise<RgbaImage> {
  const width = options.width ?? TEST_FRAME.width;
  const height = options.height ?? TEST_FRAME.height;
  // An A4 page in landscape: the long side across the camera's wider axis.
  const pageW = Math.round(width * 0.72);
  const pageH = Math.round(pageW / Math.SQRT2);
  const left = Math.round((width - pageW) / 2);
  const top = Math.round((height - pageH) / 2);
  const qr = await QRCode.toString(options.qrText, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  const qrViewBox = /viewBox="([^"]+)"/.exec(qr)?.[1] ?? '0 0 29 29';
  const qrInner = qr.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const qrSize = Math.round(pageH * 0.45);
  const lines = Array.from({ length: 14 }, (_, i) => {
    const w = Math.round(pageW * (0.5 - (i % 4) * 0.06));
    return `<rect x="${Math.round(pageW * 0.06)}" y="${Math.round(pageH * 0.08) + i * Math.round(pageH * 0.06)}" width="${w}" height="${Math.max(4, Math.round(pageH * 0.018))}" fill="#333"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#23262b"/>
    <g transform="rotate(${options.skewDegrees ?? 0} ${width / 2} ${height / 2}) translate(${left} ${top})">
      <rect width="${pageW}" height="${pageH}" fill="#f5f3ee"/>
      ${lines}
      <svg x="${pageW - qrSize - Math.round(pageW * 0.06)}" y="${Math.round(pageH * 0.08)}" width="${qrSize}" height="${qrSize}" viewBox="${qrViewBox}">${qrInner}</svg>
    </g>
  </svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

/** A frame with no picture (a covered lens), as the camera would send it. */
export function blackFrame(width: number = TEST_FRAME.width, height: number = TEST_FRAME.height): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

/** The Y4M file Chromium's fake camera plays for this scene. */
export async function testPageY4m(options: TestPageOptions): Promise<Buffer> {
  return encodeY4m(await renderTestPage(options));
}
