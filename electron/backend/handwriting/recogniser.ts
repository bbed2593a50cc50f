import { HANDWRITING_BOX, MAX_CANDIDATES, MAX_POINTS, MAX_POINTS_PER_STROKE, MAX_STROKES } from './contract';

/**
 * Offline recognition of one handwritten character from its strokes.
 *
 * Written here rather than taken from npm: no well-kept offline recogniser exists there (the
 * maintained ones are online services or browser-only demos without a licence for the model), and
 * the kiosk must work with the hall's network down. The method is the classic stroke-order matcher
 * of Tomoe/Zinnia's kind, small enough to read: each stroke is resampled to a few points along its
 * length; the character is centred and scaled by its bounding box; each template (the stroke
 * medians of Make Me a Hanzi, shipped by hanzi-writer-data) is aligned with the strokes written by
 * an elastic (DP) match over the stroke sequence that may skip a stroke on either side or take two
 * template strokes written as one (连笔). Only templates within a window of the stroke count
 * written are tried, which keeps a request to a few milliseconds.
 */

/** A character's strokes in the pad's box, y downwards, as written (or as its template has them). */
export type Strokes = readonly (readonly (readonly [number, number])[])[];

export interface CharacterStrokes {
  readonly char: string;
  /** Stroke medians in writing order, in the 0..HANDWRITING_BOX box with y downwards. */
  readonly medians: Strokes;
}

/** What was handed in cannot be a character's strokes: the message says which rule, never a value. */
export class HandwritingInputError extends Error {
  override readonly name = 'HandwritingInputError';
}

/** Points each stroke is resampled to: enough for a hook or a 横折弯钩's corners. */
const POINTS = 12;
const FEATURE = POINTS * 2;
/** A stroke written but not in the template (a wobble made into a stroke of its own). */
const EXTRA_STROKE = 0.32;
/** A template stroke not written (forgotten, or too short to see). */
const MISSING_STROKE = 0.36;
/** Two template strokes written in one go cost a little more than each written apart. */
const JOINED_STROKES = 0.04;
/** Two strokes written the other way round (笔顺) cost a little more than each written in order. */
const SWAPPED_STROKES = 0.08;
/** A mean cost per stroke above this is no character of the vocabulary: nothing is offered. */
const GIVE_UP = 0.45;
/** The coarse pass's estimate runs high or low: it gives up on a template only well past GIVE_UP. */
const COARSE_BOUND = GIVE_UP * 1.5;
/** How far off the diagonal of the DP table a pairing may be, in strokes. */
const BAND = 3;
/** Templates the full match is run on, out of the coarse pass's best. */
const SHORTLIST = 60;

interface Template {
  readonly char: string;
  readonly strokeCount: number;
  /** Stroke s's points at [s * FEATURE, (s + 1) * FEATURE): x0, y0, x1, y1, … normalised. */
  readonly strokes: Float32Array;
  /** Strokes s and s + 1 joined into one, resampled alike: for a stroke written as two. */
  readonly joined: Float32Array;
  /** `strokes` and `joined` with four points a stroke, for the coarse pass. */
  readonly coarse: Float32Array;
  readonly coarseJoined: Float32Array;
}

/** The vocabulary's templates, by stroke count: built once, then every request reads it. */
export class HandwritingIndex {
  private readonly byCount = new Map<number, Template[]>();
  readonly size: number;

  constructor(characters: Iterable<CharacterStrokes>) {
    let size = 0;
    for (const { char, medians } of characters) {
      if (medians.length === 0) continue;
      const strokes = features(medians);
      const joined = new Float32Array(Math.max(0, medians.length - 1) * FEATURE);
      const normalised = normalise(medians);
      for (let s = 0; s + 1 < medians.length; s++) {
        joined.set(resample([...normalised[s]!, ...normalised[s + 1]!]), s * FEATURE);
      }
      const list = this.byCount.get(medians.length) ?? [];
      list.push({
        char,
        strokeCount: medians.length,
        strokes,
        joined,
        coarse: coarseOf(strokes),
        coarseJoined: coarseOf(joined),
      });
      this.byCount.set(medians.length, list);
      size++;
    }
    this.size = size;
  }

  /** The characters the strokes most likely are, best first; empty when none is close. */
  recognise(written: unknown, limit = MAX_CANDIDATES): string[] {
    const strokes = checkStrokes(written);
    const n = strokes.length;
    const input = features(strokes);
    const inputCoarse = coarseOf(input);
    const scratch = new Float64Array((n + 1) * 5);
    // First a coarse pass over every template in the window (four points a stroke), then the full
    // match of the closest few only: the full match of all of them costs ten times more. The
    // stroke count written is tried first, then further out, so the shortlist's bar is soon high
    // and most templates are given up after a few rows.
    const coarse: { template: Template; cost: number }[] = [];
    const bar = new ShortlistBar(SHORTLIST);
    for (const m of countsAround(n)) {
      const most = Math.max(n, m);
      for (const t of this.byCount.get(m) ?? []) {
        const bound = Math.min(COARSE_BOUND, bar.value()) * most;
        const cost = align(inputCoarse, n, t.coarse, t.coarseJoined, m, scratch, true, bound) / most;
        if (cost === Infinity) continue;
        coarse.push({ template: t, cost });
        bar.offer(cost);
      }
    }
    coarse.sort((a, b) => a.cost - b.cost);
    const shortlist = coarse.slice(0, SHORTLIST).filter((c) => c.cost < Infinity);
    const scored: { char: string; cost: number }[] = [];
    for (const { template: t } of shortlist) {
      const most = Math.max(n, t.strokeCount);
      const cost = align(input, n, t.strokes, t.joined, t.strokeCount, scratch, false, GIVE_UP * most) / most;
      if (cost <= GIVE_UP) scored.push({ char: t.char, cost });
    }
    scored.sort((a, b) => a.cost - b.cost);
    const seen = new Set<string>();
    const out: string[] = [];
    for (const { char } of scored) {
      if (seen.has(char)) continue;
      seen.add(char);
      out.push(char);
      if (out.length >= Math.min(limit, MAX_CANDIDATES)) break;
    }
    return out;
  }
}

/** The template stroke counts tried for `n` written: `n` first, then alternately further out. */
function countsAround(n: number): number[] {
  // More template strokes than written is the common way off (strokes run together), so the
  // window reaches further up than down.
  const below = 2;
  const above = Math.max(2, Math.round(n * 0.25));
  const out = [n];
  for (let d = 1; d <= Math.max(below, above); d++) {
    if (d <= above) out.push(n + d);
    if (d <= below && n - d >= 1) out.push(n - d);
  }
  return out;
}

/**
 * The cost the shortlist's last place has so far (Infinity until it is full): a max-heap of the
 * best costs seen. Written out because it is twenty lines, and no heap package is a dependency.
 */
class ShortlistBar {
  private readonly heap: number[] = [];
  constructor(private readonly size: number) {}

  value(): number {
    return this.heap.length < this.size ? Infinity : this.heap[0]!;
  }

  offer(cost: number): void {
    const h = this.heap;
    if (h.length < this.size) {
      h.push(cost);
      for (let i = h.length - 1; i > 0;) {
        const up = (i - 1) >> 1;
        if (h[up]! >= h[i]!) break;
        [h[up], h[i]] = [h[i]!, h[up]!];
        i = up;
      }
      return;
    }
    if (cost >= h[0]!) return;
    h[0] = cost;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < h.length && h[l]! > h[top]!) top = l;
      if (r < h.length && h[r]! > h[top]!) top = r;
      if (top === i) break;
      [h[top], h[i]] = [h[i]!, h[top]!];
      i = top;
    }
  }
}

/**
 * The elastic match of the written strokes with a template's: the least total cost of pairing them
 * in order, where a written stroke may pair with one template stroke or two joined, two strokes
 * may be written the other way round, and either side may leave a stroke unpaired at a fixed cost. `scratch` is reused across templates.
 */
function align(
  input: Float32Array,
  n: number,
  strokes: Float32Array,
  joined: Float32Array,
  m: number,
  scratch: Float64Array,
  coarse: boolean,
  bound: number,
): number {
  // Three rows of the DP table over written strokes i, template strokes j (j - 2 for a join or
  // a swap), then two rows of the pairing distances already worked out, which a swap reuses.
  const width = n + 1;
  const rows = scratch.length >= width * 5 ? scratch : new Float64Array(width * 5);
  let prev2 = 0;
  let prev = width;
  let cur = width * 2;
  let pairPrev = width * 3;
  let pairCur = width * 4;
  for (let i = 0; i <= n; i++) {
    rows[prev + i] = i * EXTRA_STROKE;
    rows[pairPrev + i] = NaN;
  }
  for (let j = 1; j <= m; j++) {
    rows[cur] = j * MISSING_STROKE;
    // Only cells near the diagonal: a written stroke pairs with a template stroke about as far
    // along the character, give or take a few skipped or joined ones.
    const diagonal = (j * n) / m;
    const lo = Math.max(1, Math.floor(diagonal) - BAND);
    const hi = Math.min(n, Math.ceil(diagonal) + BAND);
    for (let i = 1; i < lo; i++) {
      rows[cur + i] = Infinity;
      rows[pairCur + i] = NaN;
    }
    let rowBest = rows[cur]!;
    for (let i = lo; i <= hi; i++) {
      const pair = coarse
        ? coarseDistance(input, i - 1, strokes, j - 1)
        : strokeDistance(input, i - 1, strokes, j - 1);
      rows[pairCur + i] = pair;
      let best = rows[prev + i - 1]! + pair;
      const skipWritten = rows[cur + i - 1]! + EXTRA_STROKE;
      if (skipWritten < best) best = skipWritten;
      const skipTemplate = rows[prev + i]! + MISSING_STROKE;
      if (skipTemplate < best) best = skipTemplate;
      if (j >= 2) {
        const joinedPair = coarse
          ? coarseDistance(input, i - 1, joined, j - 2)
          : strokeDistance(input, i - 1, joined, j - 2);
        const join = rows[prev2 + i - 1]! + joinedPair + JOINED_STROKES;
        if (join < best) best = join;
        const before = rows[prev2 + i - 2]!;
        if (i >= 2 && before < best) {
          // Written i - 1 then i, where the template has j then j - 1.
          const early = rows[pairCur + i - 1]!;
          const late = rows[pairPrev + i]!;
          const swapped =
            before +
            (Number.isNaN(early) ? pairDistance(coarse, input, i - 2, strokes, j - 1) : early) +
            (Number.isNaN(late) ? pairDistance(coarse, input, i - 1, strokes, j - 2) : late) +
            SWAPPED_STROKES;
          if (swapped < best) best = swapped;
        }
      }
      rows[cur + i] = best;
      if (best < rowBest) rowBest = best;
    }
    for (let i = hi + 1; i <= n; i++) {
      rows[cur + i] = Infinity;
      rows[pairCur + i] = NaN;
    }
    // Costs only grow along the table: past the bound no path can come back under it.
    if (rowBest > bound) return Infinity;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
    const spareMatch = pairPrev;
    pairPrev = pairCur;
    pairCur = spareMatch;
  }
  return rows[prev + n]!;
}

function pairDistance(coarse: boolean, a: Float32Array, ai: number, b: Float32Array, bi: number) {
  return coarse ? coarseDistance(a, ai, b, bi) : strokeDistance(a, ai, b, bi);
}

/**
 * How unlike two resampled strokes are: the mean distance between their points (where the stroke
 * is) plus the mean difference of their steps (which way it goes, and its shape), in box units.
 */
function strokeDistance(a: Float32Array, ai: number, b: Float32Array, bi: number): number {
  const ao = ai * FEATURE;
  const bo = bi * FEATURE;
  let place = 0;
  let shape = 0;
  let pdx = 0;
  let pdy = 0;
  for (let k = 0; k < POINTS; k++) {
    const dx = a[ao + 2 * k]! - b[bo + 2 * k]!;
    const dy = a[ao + 2 * k + 1]! - b[bo + 2 * k + 1]!;
    place += Math.sqrt(dx * dx + dy * dy);
    if (k > 0) {
      const sx = dx - pdx;
      const sy = dy - pdy;
      shape += Math.sqrt(sx * sx + sy * sy);
    }
    pdx = dx;
    pdy = dy;
  }
  return place / POINTS + (shape / (POINTS - 1)) * 3;
}

/** The coarse pass's points of a stroke (its ends and two between), x and y: eight numbers. */
const COARSE = 8;

function coarseOf(full: Float32Array): Float32Array {
  const strokes = full.length / FEATURE;
  const out = new Float32Array(strokes * COARSE);
  for (let s = 0; s < strokes; s++) {
    [0, 4, 7, POINTS - 1].forEach((k, c) => {
      out[s * COARSE + 2 * c] = full[s * FEATURE + 2 * k]!;
      out[s * COARSE + 2 * c + 1] = full[s * FEATURE + 2 * k + 1]!;
    });
  }
  return out;
}

/**
 * `strokeDistance` on four points, city-block, written out: an estimate good enough to choose the
 * shortlist, and the loop every template of the window goes through.
 */
function coarseDistance(a: Float32Array, ai: number, b: Float32Array, bi: number): number {
  const o = ai * COARSE;
  const p = bi * COARSE;
  const sum =
    Math.abs(a[o]! - b[p]!) +
    Math.abs(a[o + 1]! - b[p + 1]!) +
    Math.abs(a[o + 2]! - b[p + 2]!) +
    Math.abs(a[o + 3]! - b[p + 3]!) +
    Math.abs(a[o + 4]! - b[p + 4]!) +
    Math.abs(a[o + 5]! - b[p + 5]!) +
    Math.abs(a[o + 6]! - b[p + 6]!) +
    Math.abs(a[o + 7]! - b[p + 7]!);
  // City-block is about √2 times Euclidean for a random direction; the shape term is left out.
  return sum * 0.175;
}

/** Every stroke resampled, after the whole character is centred and scaled. */
function features(strokes: Strokes): Float32Array {
  const normalised = normalise(strokes);
  const out = new Float32Array(strokes.length * FEATURE);
  normalised.forEach((stroke, s) => out.set(resample(stroke), s * FEATURE));
  return out;
}

/**
 * The character centred on its bounding box and scaled by its longer side, so where and how large
 * it was written does not matter but its proportions (一 against 丨) do.
 */
function normalise(strokes: Strokes): [number, number][][] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const stroke of strokes) {
    for (const [x, y] of stroke) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  // A single dot has no size: any scale will do, it stays one point at the centre.
  const scale = Math.max(maxX - minX, maxY - minY, HANDWRITING_BOX / 64);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return strokes.map((stroke) => stroke.map(([x, y]) => [(x - cx) / scale, (y - cy) / scale]));
}

/** POINTS points evenly spaced along the stroke's length, first and last included. */
function resample(stroke: readonly (readonly [number, number])[]): Float32Array {
  const out = new Float32Array(FEATURE);
  const first = stroke[0]!;
  const lengths = [0];
  for (let i = 1; i < stroke.length; i++) {
    const [x0, y0] = stroke[i - 1]!;
    const [x1, y1] = stroke[i]!;
    lengths.push(lengths[i - 1]! + Math.hypot(x1 - x0, y1 - y0));
  }
  const total = lengths[lengths.length - 1]!;
  if (total === 0) {
    for (let k = 0; k < POINTS; k++) out.set(first, 2 * k);
    return out;
  }
  let seg = 1;
  for (let k = 0; k < POINTS; k++) {
    const at = (total * k) / (POINTS - 1);
    while (seg < stroke.length - 1 && lengths[seg]! < at) seg++;
    const [x0, y0] = stroke[seg - 1]!;
    const [x1, y1] = stroke[seg]!;
    const span = lengths[seg]! - lengths[seg - 1]!;
    const f = span === 0 ? 0 : Math.min(1, Math.max(0, (at - lengths[seg - 1]!) / span));
    out[2 * k] = x0 + (x1 - x0) * f;
    out[2 * k + 1] = y0 + (y1 - y0) * f;
  }
  return out;
}

/**
 * The same rules as the endpoint's schema, for callers that do not come through HTTP: a clear
 * refusal rather than a wrong answer or a crash. Messages name the rule, never a coordinate.
 */
function checkStrokes(written: unknown): Strokes {
  if (!Array.isArray(written)) throw new HandwritingInputError('strokes must be a list of strokes');
  if (written.length === 0) throw new HandwritingInputError('nothing was written: no strokes');
  if (written.length > MAX_STROKES)
    throw new HandwritingInputError(`too many strokes: at most ${MAX_STROKES}`);
  let total = 0;
  for (const [s, stroke] of written.entries()) {
    if (!Array.isArray(stroke) || stroke.length === 0)
      throw new HandwritingInputError(`stroke ${s + 1} has no points`);
    if (stroke.length > MAX_POINTS_PER_STROKE)
      throw new HandwritingInputError(
        `stroke ${s + 1} has too many points: at most ${MAX_POINTS_PER_STROKE}`,
      );
    total += stroke.length;
    if (total > MAX_POINTS) throw new HandwritingInputError(`too many points: at most ${MAX_POINTS} in all`);
    for (const point of stroke as unknown[]) {
      if (
        !Array.isArray(point) ||
        point.length !== 2 ||
        !point.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= HANDWRITING_BOX)
      ) {
        throw new HandwritingInputError(
          `stroke ${s + 1} has a point that is not [x, y] within 0..${HANDWRITING_BOX}`,
        );
      }
    }
  }
  return written as Strokes;
}
