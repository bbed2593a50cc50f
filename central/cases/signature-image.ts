import sharp, { type OutputInfo } from 'sharp';
import {
  judgeSignature,
  measureGreyInk,
  SIGNATURE_MAX_HEIGHT,
  SIGNATURE_MAX_PNG_BYTES,
  SIGNATURE_MAX_WIDTH,
  SIGNATURE_MIN_HEIGHT,
  SIGNATURE_MIN_WIDTH,
} from '../../domain/signature';

/** Why a signature image was refused; the message names the rule, never anything of the image. */
export type SignatureImageRefusal =
  | { reason: 'not-png'; message: string }
  | { reason: 'too-large'; message: string }
  | { reason: 'dimensions'; message: string }
  | { reason: 'blank'; message: string }
  | { reason: 'too-small'; message: string };

export type SignatureImageCheck =
  { ok: true; width: number; height: number; image: Buffer } | ({ ok: false } & SignatureImageRefusal);

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Decodes a signature PNG (base64) and applies the shared ink rule (domain/signature.ts) to its
 * pixels, flattened on white: what is judged is the image that is stored and shown, not what a
 * client says it drew. sharp (libvips) decodes it; the pixel limit stops a small file that
 * declares an enormous canvas before any memory is spent on it.
 */
export async function checkSignatureImage(base64: string): Promise<SignatureImageCheck> {
  const image = Buffer.from(base64, 'base64');
  if (image.length > SIGNATURE_MAX_PNG_BYTES) {
    return { ok: false, reason: 'too-large', message: `at most ${SIGNATURE_MAX_PNG_BYTES} bytes of PNG` };
  }
  if (image.length < PNG_MAGIC.length || !image.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) {
    return { ok: false, reason: 'not-png', message: 'not a PNG image' };
  }
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    const source = sharp(image, { limitInputPixels: SIGNATURE_MAX_WIDTH * SIGNATURE_MAX_HEIGHT });
    const meta = await source.metadata();
    if (meta.format !== 'png') return { ok: false, reason: 'not-png', message: 'not a PNG image' };
    const { width = 0, height = 0 } = meta;
    if (
      width < SIGNATURE_MIN_WIDTH ||
      width > SIGNATURE_MAX_WIDTH ||
      height < SIGNATURE_MIN_HEIGHT ||
      height > SIGNATURE_MAX_HEIGHT
    ) {
      return {
        ok: false,
        reason: 'dimensions',
        message: `between ${SIGNATURE_MIN_WIDTH}×${SIGNATURE_MIN_HEIGHT} and ${SIGNATURE_MAX_WIDTH}×${SIGNATURE_MAX_HEIGHT} pixels`,
      };
    }
    decoded = await source
      .flatten({ background: '#ffffff' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    // A truncated or corrupt file, or one over the pixel limit: the reason is the same to the caller.
    return { ok: false, reason: 'not-png', message: 'not a readable PNG image' };
  }
  const { width, height, channels } = decoded.info;
  const grey =
    channels === 1
      ? decoded.data
      : Uint8Array.from({ length: width * height }, (_, i) => decoded.data[i * channels]!);
  const verdict = judgeSignature(measureGreyInk(grey, width, height));
  if (verdict === 'blank') return { ok: false, reason: 'blank', message: 'the signature is blank' };
  if (verdict === 'too-small') {
    return { ok: false, reason: 'too-small', message: 'the signature is only a dot or too small' };
  }
  return { ok: true, width, height, image };
}
