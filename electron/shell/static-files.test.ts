import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveStaticPath } from './static-files';

const root = path.resolve('/srv/kiosk/dist/renderer');
const inRoot = (...parts: string[]): string => path.join(root, ...parts);

describe('resolveStaticPath', () => {
  it('maps app://kiosk paths into the renderer folder', () => {
    expect(resolveStaticPath(root, 'app://kiosk/index.html')).toBe(inRoot('index.html'));
    expect(resolveStaticPath(root, 'app://kiosk/assets/index-abc.js?v=1#x')).toBe(
      inRoot('assets', 'index-abc.js'),
    );
    expect(resolveStaticPath(root, 'app://kiosk/fonts/%E6%80%9D%E6%BA%90.woff2')).toBe(
      inRoot('fonts', '思源.woff2'),
    );
  });

  it('serves index.html for directory URLs', () => {
    expect(resolveStaticPath(root, 'app://kiosk/')).toBe(inRoot('index.html'));
    expect(resolveStaticPath(root, 'app://kiosk')).toBe(inRoot('index.html'));
    expect(resolveStaticPath(root, 'app://kiosk/assets/')).toBe(inRoot('assets', 'index.html'));
  });

  it('lets the URL parser clamp plain dot segments at the root, as a web server does', () => {
    expect(resolveStaticPath(root, 'app://kiosk/../../etc/passwd')).toBe(inRoot('etc', 'passwd'));
    expect(resolveStaticPath(root, 'app://kiosk/%2e%2e/%2e%2e/etc/passwd')).toBe(inRoot('etc', 'passwd'));
  });

  it.each([
    'app://kiosk/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://kiosk/..%5c..%5cwindows%5cwin.ini',
    'app://kiosk/%2e%2e%2fpackage.json',
    'app://kiosk/index.html%00.png',
    'app://kiosk/%E0%A4%A',
  ])('refuses %s', (url) => {
    const resolved = resolveStaticPath(root, url);
    // On POSIX a decoded backslash is an ordinary file-name character, so %5c may resolve to an
    // odd name inside the root; what must never happen is leaving it.
    if (resolved !== null) expect(resolved.startsWith(root + path.sep)).toBe(true);
    if (!url.includes('%5c')) expect(resolved).toBeNull();
  });

  it('refuses other schemes and hosts', () => {
    expect(resolveStaticPath(root, 'file:///srv/kiosk/dist/renderer/index.html')).toBeNull();
    expect(resolveStaticPath(root, 'app://other/index.html')).toBeNull();
    expect(resolveStaticPath(root, 'https://kiosk/index.html')).toBeNull();
    expect(resolveStaticPath(root, 'nonsense')).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it('knows what a Vite build produces', () => {
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('/x/a.wasm')).toBe('application/wasm');
  });

  it('falls back to octet-stream, which nosniff keeps from being executed', () => {
    expect(mimeTypeFor('/x/LICENSE')).toBe('application/octet-stream');
  });
});
