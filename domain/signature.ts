/**
 * When a drawn signature counts as one. The same rule runs on the touchscreen (over the pad's
 * stroke points) and on the kiosk backend and the central (over the decoded image's pixels), so a
 * citizen is never told "signed" by the screen and "blank" by the server.
 *
 * The rule is about extent, not strokes: a blank pad has no ink; a tap, a dot or a tiny scribble
 * covers a few pixels in both directions. A signature spans a clear part of the box at least one
 * way (a one-stroke "一" still does, lying wide). Thresholds are fractions of the box's width so a
 * larger screen does not make a small scribble pass.
 */

/** The longer side of the ink's bounding box, as a fraction of the box's width, that a signature reaches. */
export const SIGNATURE_MIN_EXTENT_FRACTION = 0.12;
/** And never fewer pixels than this, whatever the box: a thumb's tap spreads over about 10–20 px. */
export const SIGNATURE_MIN_EXTENT_PX = 30;
/** Below this many inked pixels it is specks (dust on the glass, a stray touch), not handwriting. */
export const SIGNATURE_MIN_INK_PIXELS = 40;

/** The image a signature travels as: PNG, within these bounds (the central's request limit is 64 KiB). */
export const SIGNATURE_MAX_PNG_BYTES = 32 * 1024;
export const SIGNATURE_MIN_WIDTH = 120;
export const SIGNATURE_MAX_WIDTH = 1600;
export const SIGNATURE_MIN_HEIGHT = 60;
export const SIGNATURE_MAX_HEIGHT = 800;
/** A pixel darker than this (0 black … 255 white, flattened on white) is ink. */
export const INK_THRESHOLD = 160;

export type SignatureVerdict = 'ok' | 'blank' | 'too-small';

export interface InkMeasure {
  /** Width of the box the signature was drawn in (pixels of the image, or CSS pixels of the pad). */
  boxWidth: number;
  /** Bounding box of the ink; null when there is none. */
  extent: { width: number; height: number } | null;
  /** Inked pixels (image) or stroke points (pad): how much handwriting there is. */
  ink: number;
}

export function judgeSignature(m: InkMeasure, minInk = SIGNATURE_MIN_INK_PIXELS): SignatureVerdict {
  if (m.extent === null || m.ink === 0) return 'blank';
  const needed = Math.max(SIGNATURE_MIN_EXTENT_PX, SIGNATURE_MIN_EXTENT_FRACTION * m.boxWidth);
  if (Math.max(m.extent.width, m.extent.height) < needed || m.ink < minInk) return 'too-small';
  return 'ok';
}

/** Ink of a greyscale image (one byte a pixel, row by row), flattened on white beforehand. */
export function measureGreyInk(grey: Uint8Array, width: number, height: number): InkMeasure {
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  let ink = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (grey[row + x]! >= INK_THRESHOLD) continue;
      ink += 1;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return {
    boxWidth: width,
    extent: ink === 0 ? null : { width: maxX - minX + 1, height: maxY - minY + 1 },
    ink,
  };
}

/**
 * Ink of the pad's strokes (points in CSS pixels). A stroke of one point is a dot however it was
 * drawn, so `ink` counts points; the pad samples a moving finger every few pixels, which is why
 * its minimum is lower than the image's.
 */
export const SIGNATURE_MIN_STROKE_POINTS = 8;

export function measureStrokes(
  strokes: readonly { points: readonly { x: number; y: number }[] }[],
  boxWidth: number,
): InkMeasure {
  const points = strokes.flatMap((s) => s.points);
  if (points.length === 0) return { boxWidth, extent: null, ink: 0 };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return {
    boxWidth,
    extent: {
      width: Math.max(...xs) - Math.min(...xs),
      height: Math.max(...ys) - Math.min(...ys),
    },
    ink: points.length,
  };
}
