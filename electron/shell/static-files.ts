/**
 * Mapping app://kiosk/ URLs to files of the built renderer. Pure: no electron import.
 */
import path from 'node:path';
import { isAppUrl } from './navigation';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  // Module scripts are refused by Chromium unless served with a JavaScript MIME type.
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that an app://kiosk/ URL names, or null when the URL is not an app URL or
 * would leave `root`. The URL is parsed (which already folds `.`/`..` and their %2e spellings),
 * then its path is percent-decoded, normalised and checked again, because decoding can produce
 * separators the URL parser never saw (%2f, %5c on Windows) and NUL bytes. A directory URL
 * (ending in /) names its index.html.
 */
export function resolveStaticPath(root: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (!isAppUrl(url)) return null;
  let decoded: string;
  try {
    // Node leaves the path of `app://kiosk` (no slash) empty where Chromium would say "/".
    decoded = decodeURIComponent(url.pathname || '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';
  const base = path.resolve(root);
  const resolved = path.resolve(base, `.${path.sep}${decoded}`);
  const relative = path.relative(base, resolved);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  if (relative === '' || outside) return null;
  return resolved;
}
