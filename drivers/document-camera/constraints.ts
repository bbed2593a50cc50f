import type { CameraConstraints, CameraSelection, MediaDeviceInfoLike } from './types';

/**
 * The resolution asked for. Chromium opens a camera at 640×480 unless told otherwise, which is too
 * little for small print; 4096×3072 is the 12 MP sensor of common 高拍仪 and the browser picks the
 * nearest mode the camera has.
 */
export const IDEAL_RESOLUTION = { width: 4096, height: 3072 } as const;
/**
 * The least the first attempt accepts: 3 MP keeps an A4 page's 5-point print legible. A camera
 * without such a mode is opened again with only the ideal, and its real size is reported.
 */
export const MIN_RESOLUTION = { width: 2048, height: 1536 } as const;

/**
 * The attempts, best first: with the minimum, then with the ideal alone. A strict first attempt is
 * needed because "ideal" alone lets some drivers answer with their default mode.
 */
export function cameraConstraints(deviceId?: string): CameraConstraints[] {
  const device = deviceId ? { deviceId: { exact: deviceId } } : {};
  return [
    {
      audio: false,
      video: {
        width: { ideal: IDEAL_RESOLUTION.width, min: MIN_RESOLUTION.width },
        height: { ideal: IDEAL_RESOLUTION.height, min: MIN_RESOLUTION.height },
        ...device,
      },
    },
    {
      audio: false,
      video: {
        width: { ideal: IDEAL_RESOLUTION.width },
        height: { ideal: IDEAL_RESOLUTION.height },
        ...device,
      },
    },
  ];
}

/**
 * The configured camera among the video inputs: by exact id, else by a part of its label. Returns
 * undefined when nothing is configured or nothing matches (the caller then takes the default
 * camera rather than none: a replaced camera with another label still scans).
 */
export function selectCamera(
  devices: readonly MediaDeviceInfoLike[],
  selection: CameraSelection | undefined,
): string | undefined {
  const cameras = devices.filter((d) => d.kind === 'videoinput');
  if (!selection) return undefined;
  if (selection.deviceId && cameras.some((d) => d.deviceId === selection.deviceId)) {
    return selection.deviceId;
  }
  const wanted = selection.label?.trim().toLowerCase();
  if (!wanted) return undefined;
  return cameras.find((d) => d.label.toLowerCase().includes(wanted))?.deviceId;
}
