/**
 * Which permission requests of the kiosk page the shell grants. Pure: no electron import.
 *
 * One only: the document camera (高拍仪), a UVC camera the renderer opens with getUserMedia, video
 * alone, asked by the kiosk's own page. A microphone, audio with the video, screen capture, or a
 * request from any other origin is refused like every other permission.
 */
import { isAppUrl } from './navigation';

/** What a permission request or check says about itself, as Electron passes it. */
export interface PermissionAsk {
  permission: string;
  /** The request's media types (a request), or its one media type (a check). */
  mediaTypes?: readonly string[];
  mediaType?: string;
  /** The page or origin asking. */
  requestingUrl?: string;
  securityOrigin?: string;
}

function fromKioskPage(url: string | undefined): boolean {
  if (url === undefined) return false;
  try {
    return isAppUrl(new URL(url));
  } catch {
    return false;
  }
}

export function isDocumentCameraAsk(ask: PermissionAsk): boolean {
  if (ask.permission !== 'media') return false;
  const types = ask.mediaTypes ?? (ask.mediaType === undefined ? [] : [ask.mediaType]);
  if (types.length !== 1 || types[0] !== 'video') return false;
  // Both the page and the origin the media is for must be the kiosk's own, when given.
  if (!fromKioskPage(ask.requestingUrl ?? ask.securityOrigin)) return false;
  return ask.securityOrigin === undefined || fromKioskPage(ask.securityOrigin);
}
