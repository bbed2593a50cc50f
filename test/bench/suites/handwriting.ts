import { HandwritingIndex, type CharacterStrokes } from '../../../electron/backend/handwriting/recogniser';
import {
  HURRIED_HAND,
  ORDINARY_HAND,
  seededRandom,
  writeLikeAHand,
  type Distortion,
} from '../../../electron/backend/handwriting/synthetic-writing';
import { loadCharacters } from '../../../electron/backend/handwriting/vocabulary';
import { medianMs, once, type BenchFigure, type Baseline } from '../figure';

// Handwriting recognition over the whole vocabulary (GB 2312's 3755 everyday characters), with
// characters "written" from their own stroke data by a seeded hand: a random affine distortion,
// strokes moved on their own, stroke ends running long, short or hooked, and a trembling finger
// (ORDINARY_HAND); the hurried hand also runs strokes together and writes some out of order.
// The same seed draws the same 500 characters and the same distortions every run.
const SAMPLES = 500;

const vocabulary = once(async () => {
  const chars = await loadCharacters();
  return { chars, index: new HandwritingIndex(chars) };
});

function written(chars: readonly CharacterStrokes[], hand: Distortion, seed: number) {
  const random = seededRandom(seed);
  return Array.from({ length: SAMPLES }, () => {
    const c = chars[Math.floor(random() * chars.length)]!;
    return { char: c.char, strokes: writeLikeAHand(c.medians, random, hand) };
  });
}

function accuracy(hand: Distortion, seed: number) {
  return once(async () => {
    const { chars, index } = await vocabulary();
    let top1 = 0;
    let top5 = 0;
    for (const sample of written(chars, hand, seed)) {
      const out = index.recognise(sample.strokes, 5);
      if (out[0] === sample.char) top1++;
      if (out.includes(sample.char)) top5++;
    }
    return { top1: (100 * top1) / SAMPLES, top5: (100 * top5) / SAMPLES };
  });
}

const ordinary = accuracy(ORDINARY_HAND, 14);
const hurried = accuracy(HURRIED_HAND, 15);

/**
 * The bare counterpart of one recognition: nearest neighbour over the same templates with one
 * fixed-length vector each (eight points a stroke of the first eight strokes), no alignment. It is
 * the least a recogniser over this vocabulary can cost on this machine today.
 */
const bareNearestNeighbour: Baseline = {
  name: 'bare nearest-neighbour scan of 3755 fixed vectors',
  unit: 'ms',
  measure: async () => {
    const { chars } = await vocabulary();
    const LENGTH = 128;
    const vectors = chars.map((c) => {
      const v = new Float32Array(LENGTH);
      c.medians.slice(0, 8).forEach((stroke, s) =>
        stroke.slice(0, 8).forEach(([x, y], k) => {
          v[s * 16 + 2 * k] = x / 1024;
          v[s * 16 + 2 * k + 1] = y / 1024;
        }),
      );
      return v;
    });
    const probe = vectors[1234]!;
    return medianMs(
      () => {
        let best = Infinity;
        for (const v of vectors) {
          let d = 0;
          for (let i = 0; i < LENGTH; i++) d += (v[i]! - probe[i]!) ** 2;
          if (d < best) best = d;
        }
        return best;
      },
      50,
      5,
    );
  },
};

async function recognitionMs(): Promise<number> {
  const { chars, index } = await vocabulary();
  const samples = written(chars, ORDINARY_HAND, 16).slice(0, 100);
  let i = 0;
  return medianMs(() => index.recognise(samples[i++ % samples.length]!.strokes, 10), 100, 10);
}

export const figures: BenchFigure[] = [
  {
    name: 'handwriting index of 3755 characters, read and built',
    unit: 'ms',
    // About 0.4 s read and 1 s built on a quiet machine; it is built once, in the background.
    target: 4000,
    better: 'lower',
    measure: async () => {
      const start = performance.now();
      new HandwritingIndex(await loadCharacters());
      return performance.now() - start;
    },
  },
  {
    name: 'handwriting top-5, 500 characters by an ordinary hand',
    unit: '%',
    target: 90,
    better: 'higher',
    measure: async () => (await ordinary()).top5,
  },
  {
    name: 'handwriting top-1, 500 characters by an ordinary hand',
    unit: '%',
    target: 85,
    better: 'higher',
    measure: async () => (await ordinary()).top1,
  },
  {
    name: 'handwriting top-5, 500 characters by a hurried hand (连笔, 笔顺)',
    unit: '%',
    target: 90,
    better: 'higher',
    measure: async () => (await hurried()).top5,
  },
  {
    name: 'handwriting top-1, 500 characters by a hurried hand (连笔, 笔顺)',
    unit: '%',
    target: 80,
    better: 'higher',
    measure: async () => (await hurried()).top1,
  },
  {
    name: 'handwriting one recognition (median, ordinary hand)',
    unit: 'ms',
    better: 'lower',
    baseline: bareNearestNeighbour,
    // The elastic match over a window of stroke counts, against one plain distance a template:
    // about 10× measured on a loaded machine.
    targetRatio: 25,
    measure: recognitionMs,
  },
  {
    name: 'handwriting one recognition (median, ordinary hand), absolute',
    unit: 'ms',
    better: 'lower',
    // The pad asks after every stroke: the answer must come well before the next one is drawn.
    target: 30,
    measure: recognitionMs,
  },
];
