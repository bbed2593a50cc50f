import { describe, expect, it } from 'vitest';
import { judgeSignature, measureGreyInk, measureStrokes, SIGNATURE_MIN_STROKE_POINTS } from './signature';

/** A white image of `width`×`height` with black pixels where `ink` says. */
function grey(width: number, height: number, ink: (x: number, y: number) => boolean): Uint8Array {
  return Uint8Array.from({ length: width * height }, (_, i) =>
    ink(i % width, Math.floor(i / width)) ? 0 : 255,
  );
}

describe('when a drawn signature counts as one', () => {
  it('refuses a blank box and a dot, and takes a line across a clear part of the box', () => {
    expect(
      judgeSignature(
        measureGreyInk(
          grey(600, 200, () => false),
          600,
          200,
        ),
      ),
    ).toBe('blank');
    const dot = grey(600, 200, (x, y) => (x - 300) ** 2 + (y - 100) ** 2 <= 16);
    expect(judgeSignature(measureGreyInk(dot, 600, 200))).toBe('too-small');
    // A one-stroke name (一) lying wide is a signature; the same stroke a tenth as long is not.
    const wide = grey(600, 200, (x, y) => x >= 100 && x < 300 && y >= 98 && y < 102);
    expect(judgeSignature(measureGreyInk(wide, 600, 200))).toBe('ok');
    const short = grey(600, 200, (x, y) => x >= 100 && x < 120 && y >= 98 && y < 102);
    expect(judgeSignature(measureGreyInk(short, 600, 200))).toBe('too-small');
  });

  it('measures the extent against the box: what passes a small box is too small on a wide one', () => {
    const line = (width: number) => grey(width, 200, (x, y) => x >= 10 && x < 110 && y >= 98 && y < 102);
    expect(judgeSignature(measureGreyInk(line(400), 400, 200))).toBe('ok');
    expect(judgeSignature(measureGreyInk(line(1600), 1600, 200))).toBe('too-small');
  });

  it('applies the same rule to the pad’s strokes, a single tap being a dot', () => {
    const judge = (strokes: { points: { x: number; y: number }[] }[]) =>
      judgeSignature(measureStrokes(strokes, 600), SIGNATURE_MIN_STROKE_POINTS);
    expect(judge([])).toBe('blank');
    expect(judge([{ points: [{ x: 300, y: 100 }] }])).toBe('too-small');
    expect(
      judge([
        {
          points: [
            { x: 300, y: 100 },
            { x: 310, y: 104 },
          ],
        },
      ]),
    ).toBe('too-small');
    const name = Array.from({ length: 30 }, (_, i) => ({ x: 50 + i * 10, y: 100 + (i % 5) * 8 }));
    expect(judge([{ points: name.slice(0, 15) }, { points: name.slice(15) }])).toBe('ok');
  });
});
