import {
  DocumentCamera,
  MIN_RESOLUTION,
  type CameraSelection,
  type MediaDevicesLike,
} from '../../../../drivers/document-camera';

/** What the maintenance self-test of the document camera found: staff's words are chosen from it. */
export type CameraSelfTest =
  | { ok: true; width: number; height: number; label: string }
  | { ok: false; reason: 'low-resolution'; width: number; height: number }
  | { ok: false; reason: 'no-camera' | 'permission-denied' | 'unplugged' | 'not-opened' };

/**
 * The document camera's self-test for field staff: opens it as the capture screen does (highest
 * resolution asked for, the configured camera chosen), checks that the track delivers at least the resolution a page needs, and
 * closes it again. The camera lives in the renderer, so its test runs here, not in the backend.
 */
export async function testDocumentCamera(
  media: MediaDevicesLike | undefined,
  selection?: CameraSelection,
): Promise<CameraSelfTest> {
  const camera = new DocumentCamera(media, selection);
  try {
    const status = await camera.open();
    if (status.state === 'ready' || status.state === 'black-frame') {
      const { width, height, label } = status.settings;
      // A camera turned on its side reports the long side as height; either way round will do.
      const long = Math.max(width, height);
      const short = Math.min(width, height);
      if (long < MIN_RESOLUTION.width || short < MIN_RESOLUTION.height) {
        return { ok: false, reason: 'low-resolution', width, height };
      }
      return { ok: true, width, height, label };
    }
    if (
      status.state === 'no-camera' ||
      status.state === 'permission-denied' ||
      status.state === 'unplugged'
    ) {
      return { ok: false, reason: status.state };
    }
    return { ok: false, reason: 'not-opened' };
  } finally {
    camera.close();
  }
}
