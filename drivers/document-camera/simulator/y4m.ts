/**
 * A YUV4MPEG2 (.y4m) writer, for Chromium's fake camera (`--use-file-for-fake-video-capture`), which
 * plays such a file as if a UVC camera delivered it — at the file's resolution, so a test sees the
 * same 3 MP frames as a 高拍仪 gives.
 *
 * Written by hand: the format is a one-line text header and raw 4:2:0 planes per frame, about forty
 * lines; the libraries that write it (ffmpeg bindings, y4m encoders for video pipelines) would bring
 * a native build or a codec stack to write three planes.
 */

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row by row (what a canvas, pngjs or sharp's raw output give). */
  data: Uint8Array;
}

/** Frame rate declared in the header; Chromium paces the looped frames by it. */
export const Y4M_FPS = 15;

/**
 * Encodes one still as a .y4m of `frames` identical frames (Chromium loops the file, so one is
 * enough; more let a test's file last longer than a loop). Colour: BT.601 limited range, which is
 * what Chromium's fake device assumes for I420.
 */
export function encodeY4m(image: RgbaImage, frames = 1): Buffer {
  const { width, height, data } = image;
  if (width < 2 || height < 2 || width % 2 !== 0 || height % 2 !== 0) {
    throw new Error('encodeY4m: 4:2:0 needs an even width and height');
  }
  if (data.length !== width * height * 4) throw new Error('encodeY4m: data is not width × height RGBA');
  if (!Number.isInteger(frames) || frames < 1)
    throw new Error('encodeY4m: frames must be a positive integer');

  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${Y4M_FPS}:1 Ip A1:1 C420mpeg2\n`, 'ascii');
  const frameHeader = Buffer.from('FRAME\n', 'ascii');
  const ySize = width * height;
  const cSize = (width / 2) * (height / 2);
  const planes = Buffer.alloc(ySize + 2 * cSize);

  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      planes[y * width + x] = clamp(16 + 0.257 * r + 0.504 * g + 0.098 * b);
    }
  }
  // Chroma from the mean of each 2×2 block.
  const cw = width / 2;
  for (let cy = 0; cy < height / 2; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const i = ((cy * 2 + dy) * width + cx * 2 + dx) * 4;
        r += data[i]!;
        g += data[i + 1]!;
        b += data[i + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      planes[ySize + cy * cw + cx] = clamp(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      planes[ySize + cSize + cy * cw + cx] = clamp(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }

  const parts: Buffer[] = [header];
  for (let f = 0; f < frames; f++) parts.push(frameHeader, planes);
  return Buffer.concat(parts);
}

/** Reads a .y4m's header and first frame back as RGBA (for tests of the writer and of test pages). */
export function decodeY4mFirstFrame(file: Buffer): RgbaImage {
  const end = file.indexOf(0x0a);
  const header = file.subarray(0, end).toString('ascii');
  const fields = header.split(' ');
  if (fields[0] !== 'YUV4MPEG2') throw new Error('decodeY4mFirstFrame: not a YUV4MPEG2 file');
  const width = Number(fields.find((f) => f.startsWith('W'))?.slice(1));
  const height = Number(fields.find((f) => f.startsWith('H'))?.slice(1));
  const frameStart = file.indexOf(0x0a, end + 1) + 1;
  if (file.subarray(end + 1, frameStart).toString('ascii') !== 'FRAME\n') {
    throw new Error('decodeY4mFirstFrame: no frame after the header');
  }
  const ySize = width * height;
  const cSize = ySize / 4;
  const planes = file.subarray(frameStart, frameStart + ySize + 2 * cSize);
  if (planes.length !== ySize + 2 * cSize) throw new Error('decodeY4mFirstFrame: the frame is truncated');
  const data = new Uint8Array(ySize * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = (y >> 1) * (width / 2) + (x >> 1);
      const Y = 1.164 * (planes[y * width + x]! - 16);
      const U = planes[ySize + c]! - 128;
      const V = planes[ySize + cSize + c]! - 128;
      const i = (y * width + x) * 4;
      data[i] = clamp(Y + 1.596 * V);
      data[i + 1] = clamp(Y - 0.392 * U - 0.813 * V);
      data[i + 2] = clamp(Y + 2.017 * U);
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}
