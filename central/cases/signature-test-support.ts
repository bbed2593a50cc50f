// Signature images for the tests of the central and the kiosk (not a test file itself).
import sharp from 'sharp';
import type { CommitmentSignature } from './signature-contract';

const svg = (body: string, width = 600, height = 200) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`);

/** Transparent PNGs as the pad makes them: a handwritten name, nothing, one dot, a short tick. */
export async function signaturePng(
  kind: 'signed' | 'blank' | 'dot' | 'tick' = 'signed',
  size: { width: number; height: number } = { width: 600, height: 200 },
): Promise<Buffer> {
  const ink = {
    signed:
      '<path d="M40 140 C 90 30, 140 170, 190 80 S 290 40, 330 130 L 380 60 Q 450 170 540 90" ' +
      'stroke="#000" stroke-width="3" fill="none"/>',
    blank: '',
    dot: '<circle cx="300" cy="100" r="4" fill="#000"/>',
    tick: '<path d="M300 100 l 12 8" stroke="#000" stroke-width="3"/>',
  }[kind];
  return sharp(svg(ink, size.width, size.height))
    .png()
    .toBuffer();
}

/** A whole signature record around an image (base64 of PNG), as the kiosk sends it. */
export function signatureRecord(image: Buffer | string, materials = ['MARITAL']): CommitmentSignature {
  return {
    imagePng: typeof image === 'string' ? image : image.toString('base64'),
    signedAt: '2026-11-25T01:00:00.000Z',
    commitment: {
      version: 'GZCN-2026.1',
      text: {
        zh: '本人承诺：婚姻状况证明所述情况真实、有效。',
        en: 'I promise that what the marital status record would show is true.',
      },
      materials,
    },
  };
}
