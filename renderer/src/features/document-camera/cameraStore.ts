/**
 * The document camera's capture on the materials step: which material is being scanned, what the
 * camera says, the pages kept so far (their numbers and sizes, never their images) and the page
 * under review. Wiped with the session like every citizen store.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type {
  CameraSelection,
  CameraStatus,
  MediaDevicesLike,
} from '../../../../drivers/document-camera/types';
import type { ScannedPage } from '../../../../electron/backend/material-scans/contract';
import { useKioskStore } from '../../state/kioskStore';
import { onNewSession, whileSameSession } from '../../state/session-epoch';
import type { Still } from './grabStill';
import { scanApi } from './scanApi';

export interface CameraState {
  /** The material being scanned; null while the capture screen is closed. */
  materialCode: string | null;
  camera: CameraStatus;
  /** Every page this session kept, all materials, in capture order. */
  pages: ScannedPage[];
  /** The page just captured, shown for keep or retake. */
  review: ScannedPage | null;
  /** The size of the last still grabbed from the camera (what the track delivered). */
  lastStill: { width: number; height: number } | null;
  busy: boolean;
  /** Why the last capture was not kept: `documentCamera.errors.<reason>`. */
  error: string | null;
  /** Whether the kiosk has a camera at all; null until asked (the step offers it meanwhile). */
  present: boolean | null;
}

const initial = (): CameraState => ({
  materialCode: null,
  camera: { state: 'closed' },
  pages: [],
  review: null,
  lastStill: null,
  busy: false,
  error: null,
  present: null,
});

export const useCameraStore = create<CameraState>()(initial);
onNewSession(() => useCameraStore.setState(initial(), true));

export const pagesOf = (pages: readonly ScannedPage[], materialCode: string) =>
  pages.filter((p) => p.materialCode === materialCode);

/** Reasons the screen has words for; anything else reads as a plain "try again". */
const KNOWN_REASONS = new Set([
  'budget-full',
  'black-frame',
  'no-page-found',
  'not-an-image',
  'too-large',
  'no-session',
  'unknown-page',
  'too-many-pages',
]);

const reasonOf = (error: { reason?: string }) =>
  error.reason && KNOWN_REASONS.has(error.reason) ? error.reason : 'internal';

/**
 * Whether a camera is attached, asked without opening it (no light, no permission prompt: the
 * list of devices is readable before any grant, only their labels are not).
 */
export async function probeCamera(media: MediaDevicesLike | undefined = browserMedia()): Promise<void> {
  let present: boolean;
  try {
    present = media ? (await media.enumerateDevices()).some((d) => d.kind === 'videoinput') : false;
  } catch {
    present = false;
  }
  useCameraStore.setState({ present });
}

/** The browser's camera API where there is one (none outside a secure context). */
export function browserMedia(): MediaDevicesLike | undefined {
  return typeof navigator !== 'undefined' && navigator.mediaDevices ? navigator.mediaDevices : undefined;
}

export function openCapture(materialCode: string): void {
  useCameraStore.setState({ materialCode, review: null, error: null });
}

export function closeCapture(): void {
  useCameraStore.setState({ materialCode: null, review: null, error: null, camera: { state: 'closed' } });
}

export function setCameraStatus(camera: CameraStatus): void {
  useCameraStore.setState({ camera });
}

/** The pages the backend holds for this session (after coming back to the step, or a reload). */
export async function loadPages(): Promise<void> {
  await whileSameSession(
    () => scanApi.listPages(),
    (r) => {
      if (r.ok) useCameraStore.setState({ pages: r.value.pages });
    },
  );
}

/** Sends a still: the backend finds the page, keeps it sealed, and it is shown for review. */
export async function addStill(still: Still): Promise<void> {
  const code = useCameraStore.getState().materialCode;
  if (!code || useCameraStore.getState().busy) return;
  useCameraStore.setState({
    busy: true,
    error: null,
    lastStill: { width: still.width, height: still.height },
  });
  await whileSameSession(
    () => scanApi.addPage(code, still.base64),
    (r) => {
      if (r.ok) {
        const { ok: _ok, ...page } = r.value;
        useCameraStore.setState((s) => ({ busy: false, review: page, pages: [...s.pages, page] }));
      } else {
        useCameraStore.setState({ busy: false, error: reasonOf(r.error) });
      }
    },
  );
}

/** The still could not be taken at all (no frame yet): said like a page that was not captured. */
export function stillFailed(): void {
  useCameraStore.setState({ error: 'not-an-image' });
}

export function keepPage(): void {
  useCameraStore.setState({ review: null });
}

/** Retake: the page under review is removed before the next capture. */
export async function retakePage(): Promise<void> {
  const page = useCameraStore.getState().review;
  if (!page) return;
  await removePage(page.pageId);
}

export async function removePage(pageId: string): Promise<void> {
  useCameraStore.setState({ busy: true, error: null });
  await whileSameSession(
    () => scanApi.removePage(pageId),
    (r) => {
      if (r.ok || r.error.reason === 'unknown-page') {
        useCameraStore.setState((s) => ({
          busy: false,
          review: s.review?.pageId === pageId ? null : s.review,
          pages: s.pages.filter((p) => p.pageId !== pageId),
        }));
      } else {
        useCameraStore.setState({ busy: false, error: reasonOf(r.error) });
      }
    },
  );
  // Numbers within a material move up when one is removed: ask for them again.
  await loadPages();
}

/**
 * The configured document camera (devices.documentCamera), as one stable value: the kiosk state is a
 * new object at every update, and a new selection would reopen the camera under the citizen.
 */
export function useCameraSelection(): CameraSelection | undefined {
  const deviceId = useKioskStore((k) => k.kiosk?.documentCamera?.deviceId);
  const label = useKioskStore((k) => k.kiosk?.documentCamera?.label);
  return useMemo(
    () =>
      deviceId === undefined && label === undefined
        ? undefined
        : { ...(deviceId === undefined ? {} : { deviceId }), ...(label === undefined ? {} : { label }) },
    [deviceId, label],
  );
}
