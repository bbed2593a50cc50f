import { HANDWRITING_BOX } from './contract';
import type { Strokes } from './recogniser';

/**
 * Characters "written" from their templates, for measuring the recogniser: each template is drawn
 * as a finger would (dense points), then distorted as people distort it (a slanted, squashed or
 * shifted character, strokes a little out of place, their ends running long, short or hooked, a
 * trembling hand). Seeded, so a figure measured today is measured the same way tomorrow.
 */

/**
 * mulberry32: a seeded generator of 32 bits of state. Written here because Math.random cannot be
 * seeded and a reproducible benchmark needs nothing better than this well-known one.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Distortion {
  /** Rotation either way, in radians. */
  rotate: number;
  /** Scale of each axis, 1 ± this. */
  scale: number;
  /** Shear either way. */
  shear: number;
  /** Each stroke moved on its own, either way, in box units. */
  strokeShift: number;
  /** Each end of a stroke run long or short, in box units. */
  endWobble: number;
  /** Standard deviation of each point's tremble, in box units. */
  noise: number;
  /** Chance that a stroke ends in a small unintended hook. */
  hook: number;
  /** Chance that a stroke is run on into the next without lifting the finger (连笔). */
  join?: number;
  /** Chance that a stroke is written after the one that should follow it (笔顺 wrong). */
  swap?: number;
}

/** A careful but ordinary hand: what the bench's figures use. */
export const ORDINARY_HAND: Distortion = {
  rotate: 0.12,
  scale: 0.2,
  shear: 0.15,
  strokeShift: 18,
  endWobble: 30,
  noise: 4,
  hook: 0.2,
};

/** A hurried hand: rougher, and now and then strokes run together or out of order. */
export const HURRIED_HAND: Distortion = {
  rotate: 0.2,
  scale: 0.3,
  shear: 0.25,
  strokeShift: 35,
  endWobble: 50,
  noise: 8,
  hook: 0.35,
  join: 0.1,
  swap: 0.1,
};

function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const spread = (random: () => number, amount: number) => (random() * 2 - 1) * amount;

/** The stroke as a finger leaves it: a point every few box units along the template's polyline. */
function densify(stroke: Strokes[number], step: number): [number, number][] {
  const out: [number, number][] = [[stroke[0]![0], stroke[0]![1]]];
  for (let i = 1; i < stroke.length; i++) {
    const [x0, y0] = stroke[i - 1]!;
    const [x1, y1] = stroke[i]!;
    const parts = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / step));
    for (let k = 1; k <= parts; k++) out.push([x0 + ((x1 - x0) * k) / parts, y0 + ((y1 - y0) * k) / parts]);
  }
  return out;
}

/** Moves the stroke's end `amount` along its last direction (shorter where negative). */
function wobbleEnd(points: [number, number][], amount: number): void {
  if (points.length < 2) return;
  const [x1, y1] = points[points.length - 1]!;
  const [x0, y0] = points[points.length - 2]!;
  const length = Math.hypot(x1 - x0, y1 - y0) || 1;
  if (amount < 0 && points.length > 3) {
    // Shorter: drop the last points as far as the amount goes.
    let left = -amount;
    while (points.length > 3 && left > 0) {
      const [ax, ay] = points[points.length - 1]!;
      const [bx, by] = points[points.length - 2]!;
      left -= Math.hypot(ax - bx, ay - by);
      points.pop();
    }
    return;
  }
  points.push([x1 + ((x1 - x0) / length) * amount, y1 + ((y1 - y0) / length) * amount]);
}

/** The template's strokes written once by a hand with `distortion`, in the pad's box. */
export function writeLikeAHand(
  medians: Strokes,
  random: () => number,
  distortion: Distortion = ORDINARY_HAND,
): [number, number][][] {
  const angle = spread(random, distortion.rotate);
  const sx = 1 + spread(random, distortion.scale);
  const sy = 1 + spread(random, distortion.scale);
  const shear = spread(random, distortion.shear);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const centre = HANDWRITING_BOX / 2;
  const shift = [spread(random, 60), spread(random, 60)];
  const strokes = medians.map((stroke) => {
    const points = densify(stroke, 10);
    const moved = [spread(random, distortion.strokeShift), spread(random, distortion.strokeShift)];
    points.reverse();
    wobbleEnd(points, spread(random, distortion.endWobble));
    points.reverse();
    wobbleEnd(points, spread(random, distortion.endWobble));
    if (random() < distortion.hook && points.length >= 2) {
      const [x1, y1] = points[points.length - 1]!;
      points.push([x1 + spread(random, 25), y1 + spread(random, 25)]);
    }
    return points.map(([x, y]): [number, number] => {
      const px = (x - centre + moved[0]!) * sx + (y - centre) * shear;
      const py = (y - centre + moved[1]!) * sy;
      const clamp = (v: number) => Math.round(Math.min(HANDWRITING_BOX, Math.max(0, v)));
      return [
        clamp(centre + shift[0]! + px * cos - py * sin + gaussian(random) * distortion.noise),
        clamp(centre + shift[1]! + px * sin + py * cos + gaussian(random) * distortion.noise),
      ];
    });
  });
  const ordered = [...strokes];
  for (let i = 0; i + 1 < ordered.length; i++) {
    if (random() < (distortion.swap ?? 0)) {
      [ordered[i], ordered[i + 1]] = [ordered[i + 1]!, ordered[i]!];
      i++;
    }
  }
  const written: [number, number][][] = [];
  for (const stroke of ordered) {
    const last = written[written.length - 1];
    if (last && random() < (distortion.join ?? 0)) last.push(...stroke);
    else written.push(stroke);
  }
  return written;
}
