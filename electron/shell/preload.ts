/**
 * The renderer's only window into the shell, and it is read-only: the shell version, for the
 * maintenance screen and support calls. Everything the page does goes through /api, the same in
 * the browser host, so nothing else belongs here. Bundled as CommonJS (preload.cjs) because a
 * sandboxed preload cannot be an ES module.
 */
import { contextBridge } from 'electron';

// Replaced at build time by scripts/build-node.mjs (esbuild `define`) with package.json's version:
// a sandboxed preload cannot read files or require anything but a few electron modules.
declare const __KIOSK_SHELL_VERSION__: string;

contextBridge.exposeInMainWorld('kioskShell', Object.freeze({ version: __KIOSK_SHELL_VERSION__ }));
