import { isBlackFrame } from '../../../../drivers/document-camera/black-frame';

/**
 * JPEG quality of the still sent to the kiosk backend. High, because the backend crops, deskews
 * and compresses again: this one only has to survive the trip without visible loss.
 */
const STILL_QUALITY = 0.92;
/** Size the preview is sampled at for the black-frame check: enough to see a page, cheap to draw. */
const PROBE_SIZE = { width: 160, height: 120 } as const;

export interface Still {
  /** base64 of the JPEG, no data: prefix. */
  base64: string;
  width: number;
  height: number;
}

/**
 * A still at the track's own resolution: the canvas takes the video's intrinsic size
 * (videoWidth/videoHeight, what the camera delivers), never the size the preview is shown at.
 */
export async function grabStill(video: HTMLVideoElement): Promise<Still | null> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (width === 0 || height === 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(video, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', STILL_QUALITY),
  );
  // The canvas holds a document image: let it go at once rather than with the next collection.
  canvas.width = 0;
  canvas.height = 0;
  if (!blob) return null;
  return { base64: toBase64(new Uint8Array(await blob.arrayBuffer())), width, height };
}

/** Whether the preview shows a black frame now (lens covered, lamp off, no picture). */
export function previewIsBlack(video: HTMLVideoElement, probe: HTMLCanvasElement): boolean | null {
  if (video.videoWidth === 0 || video.readyState < 2) return null;
  probe.width = PROBE_SIZE.width;
  probe.height = PROBE_SIZE.height;
  const context = probe.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(video, 0, 0, PROBE_SIZE.width, PROBE_SIZE.height);
  const { data } = context.getImageData(0, 0, PROBE_SIZE.width, PROBE_SIZE.height);
  return isBlackFrame(data, PROBE_SIZE.width, PROBE_SIZE.height);
}

/** base64 in chunks: String.fromCharCode over 3 MB at once overflows the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}
