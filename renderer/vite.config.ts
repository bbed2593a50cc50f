import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The renderer bundle. Built into dist/renderer, served by the Electron shell over app://kiosk/
 * and by the browser host over loopback HTTP, both under CSP "default-src 'self'": so no inline
 * script or style in index.html and no external fonts.
 *
 * `__DEV_PANEL__` is true in every mode except 'production': a production build contains none of
 * the developer panel's code (it is behind a dynamic import guarded by this constant). To build a
 * bundle with the panel (for end-to-end tests against simulated devices), use another mode, e.g.
 * `vite build --config renderer/vite.config.ts --mode e2e`.
 */
export default defineConfig(({ mode }) => ({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  define: {
    __DEV_PANEL__: JSON.stringify(mode !== 'production'),
  },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Chromium of the pinned Electron; no legacy transforms needed.
    target: 'es2023',
    sourcemap: false,
  },
}));
