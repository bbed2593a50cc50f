import sharp from 'sharp';

/**
 * Turns one still from the document camera (高拍仪) into the page that travels with the case: the
 * page is found (it is lighter than the camera's dark base plate), straightened, cropped to its
 * edges and compressed to a JPEG under the byte budget. Expected failures are values; the image
 * itself is personal data, so nothing here logs it or puts any of it into an error.
 */
export type PageProcessingResult =
  { ok: true; jpeg: Buffer; width: number; height: number } | { ok: false; reason: PageRefusal };

export type PageRefusal = 'not-an-image' | 'black-frame' | 'no-page-found' | 'too-large';

export interface PageLimits {
  /** The JPEG must fit in this many bytes. */
  maxBytes: number;
  /** Scale the page down to this long side (pixels) before compressing; none = keep the camera's. */
  maxLongSide?: number;
}

/** Formats a camera still arrives in (the renderer sends PNG or JPEG); anything else is refused. */
const ACCEPTED_FORMATS = new Set(['png', 'jpeg', 'webp']);
/** A 12 MP document camera still is 4000×3000; four times that is no camera's frame but an attack. */
const MAX_INPUT_PIXELS = 50_000_000;
/** Long side the page is looked for at: enough to place the edges within a few pixels, cheap to scan. */
const ANALYSIS_LONG_SIDE = 512;
/**
 * A frame is black when its brightest percentile stays this dark (0–255 luma): a covered lens, a
 * camera that sends frames with no light, a fake device without a picture.
 */
const BLACK_P99 = 40;
/** Page and background must differ by at least this much mean luma to tell one from the other. */
const MIN_SEPARATION = 40;
/** A frame that is this bright and uniform is a page filling the whole view. */
const FULL_VIEW_PAGE_MEAN = 170;
/** The page must cover at least this share of the frame; less is a stray reflection or a card edge. */
const MIN_PAGE_SHARE = 0.08;
/**
 * Skew the base plate's guides allow: a page placed by hand lies within a few degrees; beyond this
 * the search would find a rotated page's diagonal instead of its edges.
 */
const MAX_SKEW_DEGREES = 12;
const SKEW_STEP_DEGREES = 0.25;
/** Below this the rotation's resampling softens text more than the skew hurts it. */
const MIN_CORRECTED_SKEW_DEGREES = 0.5;
/** Quality steps tried in order; below 50 small print breaks into blocks. */
const JPEG_QUALITIES = [88, 80, 72, 64, 56, 50] as const;
/** The least each scale-down takes off when the lowest quality is still too big. */
const SCALE_STEP = 0.8;
/** A page smaller than this long side can no longer be read at the window: refuse instead. */
const MIN_LONG_SIDE = 900;

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

type PageFinding = { kind: 'black' } | { kind: 'none' } | { kind: 'page'; box: Box; skewDegrees: number };

export async function processPage(input: Buffer, limits: PageLimits): Promise<PageProcessingResult> {
  if (!(limits.maxBytes > 0)) throw new Error('processPage: maxBytes must be positive');

  let width: number;
  let height: number;
  try {
    const meta = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    if (!meta.format || !ACCEPTED_FORMATS.has(meta.format) || !meta.width || !meta.height) {
      return { ok: false, reason: 'not-an-image' };
    }
    // EXIF orientation 5–8 swaps the axes once autoOrient applies it.
    const swapped = (meta.orientation ?? 1) >= 5;
    width = swapped ? meta.height : meta.width;
    height = swapped ? meta.width : meta.height;
  } catch {
    // sharp's message may quote the input; it is not passed on.
    return { ok: false, reason: 'not-an-image' };
  }
  if (width * height > MAX_INPUT_PIXELS) return { ok: false, reason: 'too-large' };

  let upright: { data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 };
  try {
    const decoded = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS })
      .autoOrient()
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    upright = {
      data: decoded.data,
      width: decoded.info.width,
      height: decoded.info.height,
      channels: decoded.info.channels,
    };
  } catch {
    // A truncated file passes metadata() (the header is intact) and fails here.
    return { ok: false, reason: 'not-an-image' };
  }

  const first = await findPage(upright);
  if (first.kind === 'black') return { ok: false, reason: 'black-frame' };
  if (first.kind === 'none') return { ok: false, reason: 'no-page-found' };

  let source = upright;
  let box = first.box;
  if (Math.abs(first.skewDegrees) >= MIN_CORRECTED_SKEW_DEGREES) {
    // The canvas grows to hold the turned frame; its new corners are filled dark like the base plate
    // so the page stays the one light region, and the page is found again in the turned frame.
    const turned = await rawImage(upright)
      .rotate(first.skewDegrees, { background: { r: 0, g: 0, b: 0 } })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const straightened = {
      data: turned.data,
      width: turned.info.width,
      height: turned.info.height,
      channels: turned.info.channels,
    };
    const again = await findPage(straightened, { searchSkew: false });
    if (again.kind === 'page') {
      source = straightened;
      box = again.box;
    }
  }

  return compress(source, box, limits);
}

async function compress(
  source: { data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 },
  box: Box,
  limits: PageLimits,
): Promise<PageProcessingResult> {
  let longSide = Math.max(box.width, box.height);
  if (limits.maxLongSide && limits.maxLongSide < longSide) longSide = limits.maxLongSide;
  const cropped = await rawImage(source).extract(box).raw().toBuffer({ resolveWithObject: true });
  const page = {
    data: cropped.data,
    width: cropped.info.width,
    height: cropped.info.height,
    channels: cropped.info.channels,
  };

  for (;;) {
    const resized = await rawImage(page)
      .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const scaled = { ...page, data: resized.data, width: resized.info.width, height: resized.info.height };
    let smallest = Infinity;
    for (const quality of JPEG_QUALITIES) {
      const jpeg = await rawImage(scaled).jpeg({ quality, mozjpeg: true }).toBuffer();
      if (jpeg.length <= limits.maxBytes) {
        return { ok: true, jpeg, width: scaled.width, height: scaled.height };
      }
      smallest = Math.min(smallest, jpeg.length);
    }
    // A JPEG's size follows its area, so the side that fits is about √(budget / size) of this one;
    // jumping there (a little under) saves the passes a fixed step would take.
    const estimate = Math.floor(longSide * Math.sqrt(limits.maxBytes / smallest) * 0.95);
    const next = Math.min(Math.floor(longSide * SCALE_STEP), estimate);
    if (next < MIN_LONG_SIDE || next < 1) return { ok: false, reason: 'too-large' };
    longSide = next;
  }
}

function rawImage(image: { data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 }) {
  return sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels },
  });
}

/**
 * Finds the page in a frame: the largest light region after an Otsu threshold, its skew from the
 * smallest bounding box over a sweep of angles, and its box in the frame's pixels.
 *
 * Written here because sharp's `trim()` only cuts a uniform border of one colour and a real base
 * plate is neither uniform nor square to the page; no well-kept Node library finds and deskews a
 * document without OpenCV (opencv.js is a 10 MB WebAssembly build for what is a page of arithmetic).
 */
async function findPage(
  frame: { data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 },
  options: { searchSkew: boolean } = { searchSkew: true },
): Promise<PageFinding> {
  const small = await rawImage(frame)
    .greyscale()
    .resize({ width: ANALYSIS_LONG_SIDE, height: ANALYSIS_LONG_SIDE, fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey = small.data;
  const w = small.info.width;
  const h = small.info.height;
  const channels = small.info.channels;
  const n = w * h;
  const luma = new Uint8Array(n);
  for (let i = 0; i < n; i++) luma[i] = grey[i * channels] ?? 0;

  const histogram = new Uint32Array(256);
  for (let i = 0; i < n; i++) histogram[luma[i] ?? 0]!++;
  if (percentile(histogram, n, 0.99) <= BLACK_P99) return { kind: 'black' };

  const { threshold, darkMean, lightMean, mean } = otsu(histogram, n);
  const fullView: PageFinding = {
    kind: 'page',
    box: { left: 0, top: 0, width: frame.width, height: frame.height },
    skewDegrees: 0,
  };
  if (lightMean - darkMean < MIN_SEPARATION) {
    return mean >= FULL_VIEW_PAGE_MEAN ? fullView : { kind: 'none' };
  }

  const component = largestLightComponent(luma, w, h, threshold);
  if (component.area < MIN_PAGE_SHARE * n) return { kind: 'none' };

  const skewDegrees = options.searchSkew ? skewOf(component.rowExtremes) : 0;
  // The box is measured in the straightened frame, so with no skew it is the component's own box.
  const scaleX = frame.width / w;
  const scaleY = frame.height / h;
  const left = Math.max(0, Math.floor(component.minX * scaleX));
  const top = Math.max(0, Math.floor(component.minY * scaleY));
  const right = Math.min(frame.width, Math.ceil((component.maxX + 1) * scaleX));
  const bottom = Math.min(frame.height, Math.ceil((component.maxY + 1) * scaleY));
  return {
    kind: 'page',
    box: { left, top, width: right - left, height: bottom - top },
    skewDegrees,
  };
}

function percentile(histogram: Uint32Array, n: number, share: number): number {
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v] ?? 0;
    if (seen >= share * n) return v;
  }
  return 255;
}

/** Otsu's threshold: the luma that best splits the frame into two classes (page and background). */
function otsu(histogram: Uint32Array, n: number) {
  let total = 0;
  for (let v = 0; v < 256; v++) total += v * (histogram[v] ?? 0);
  let weightDark = 0;
  let sumDark = 0;
  let best = { threshold: 127, variance: -1, darkMean: 0, lightMean: 0 };
  for (let t = 0; t < 256; t++) {
    weightDark += histogram[t] ?? 0;
    if (weightDark === 0) continue;
    const weightLight = n - weightDark;
    if (weightLight === 0) break;
    sumDark += t * (histogram[t] ?? 0);
    const darkMean = sumDark / weightDark;
    const lightMean = (total - sumDark) / weightLight;
    const variance = weightDark * weightLight * (darkMean - lightMean) ** 2;
    if (variance > best.variance) best = { threshold: t, variance, darkMean, lightMean };
  }
  return { ...best, mean: total / n };
}

interface Component {
  area: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  /** Per row of the component: its leftmost and rightmost pixel; the convex hull's vertices are among them. */
  rowExtremes: Array<[x: number, y: number]>;
}

function largestLightComponent(luma: Uint8Array, w: number, h: number, threshold: number): Component {
  const labels = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  let best: Component & { label: number } = {
    label: 0,
    area: 0,
    minX: 0,
    maxX: 0,
    minY: 0,
    maxY: 0,
    rowExtremes: [],
  };
  let label = 0;
  for (let start = 0; start < w * h; start++) {
    if (labels[start] !== 0 || (luma[start] ?? 0) <= threshold) continue;
    label++;
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    let area = 0;
    let minX = w;
    let maxX = -1;
    let minY = h;
    let maxY = -1;
    while (top > 0) {
      const p = stack[--top]!;
      area++;
      const x = p % w;
      const y = (p - x) / w;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const neighbours = [
        x > 0 ? p - 1 : -1,
        x < w - 1 ? p + 1 : -1,
        y > 0 ? p - w : -1,
        y < h - 1 ? p + w : -1,
      ];
      for (const q of neighbours) {
        if (q >= 0 && labels[q] === 0 && (luma[q] ?? 0) > threshold) {
          labels[q] = label;
          stack[top++] = q;
        }
      }
    }
    if (area > best.area) best = { label, area, minX, maxX, minY, maxY, rowExtremes: [] };
  }
  for (let y = best.minY; best.area > 0 && y <= best.maxY; y++) {
    let first = -1;
    let last = -1;
    for (let x = best.minX; x <= best.maxX; x++) {
      if (labels[y * w + x] === best.label) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first >= 0) best.rowExtremes.push([first, y], [last, y]);
  }
  return best;
}

/**
 * The page's skew: the angle whose rotation gives the smallest axis-aligned box around the page's
 * outline. Returned as the clockwise rotation (sharp's sign) that straightens it.
 */
function skewOf(points: ReadonlyArray<[number, number]>): number {
  let bestAngle = 0;
  let bestArea = Infinity;
  for (let deg = -MAX_SKEW_DEGREES; deg <= MAX_SKEW_DEGREES + 1e-9; deg += SKEW_STEP_DEGREES) {
    const a = (deg * Math.PI) / 180;
    const cos = Math.cos(a);
    const sin = Math.sin(a);
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const [x, y] of points) {
      // Image axes point right and down, so this turns the outline clockwise on screen by `deg`.
      const u = x * cos - y * sin;
      const v = x * sin + y * cos;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    // Ties go to the smaller turn: a square-on page gives equal areas near 0.
    if (
      area < bestArea - 1e-6 ||
      (Math.abs(area - bestArea) <= 1e-6 && Math.abs(deg) < Math.abs(bestAngle))
    ) {
      bestArea = area;
      bestAngle = deg;
    }
  }
  return Math.round(bestAngle * 100) / 100;
}
