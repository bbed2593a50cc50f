/**
 * A frame with no picture: its brightest percentile stays this dark (0–255 luma). Limited-range
 * video black (Y=16) and sensor noise sit well below it; a white page under the lamp is far above.
 * The same rule as the backend's page processing, so the screen warns before the still is sent.
 */
export const BLACK_FRAME_P99 = 40;

/**
 * Whether an RGBA frame (as a canvas gives it) is black. Samples a grid rather than every pixel: a
 * preview check runs several times a second on the renderer's thread.
 */
export function isBlackFrame(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  samples = 4096,
): boolean {
  if (width <= 0 || height <= 0 || rgba.length < width * height * 4) {
    throw new Error('isBlackFrame: the pixel buffer does not match its size');
  }
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / samples)));
  const histogram = new Uint32Array(256);
  let n = 0;
  for (let y = Math.floor(step / 2); y < height; y += step) {
    for (let x = Math.floor(step / 2); x < width; x += step) {
      const i = (y * width + x) * 4;
      // Rec. 601 luma in integers; exactness does not matter against a threshold this wide.
      const luma = (77 * (rgba[i] ?? 0) + 150 * (rgba[i + 1] ?? 0) + 29 * (rgba[i + 2] ?? 0)) >> 8;
      histogram[luma]!++;
      n++;
    }
  }
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v] ?? 0;
    if (seen >= 0.99 * n) return v <= BLACK_FRAME_P99;
  }
  return false;
}
