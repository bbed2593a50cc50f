import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../support/electron-binary';

// Runs only through `npm run test:electron`, which first checks that the Electron binary exists
// and says plainly when it does not. It drives the real shell: app:// protocol, /api forwarded to
// the backend process over its socket, lock-down as the renderer sees it.
describe('Electron shell (real binary)', () => {
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    const binary = electronBinary();
    if (!binary)
      throw new Error('The Electron binary is not installed; run this through npm run test:electron.');
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-electron-'));
    const config = join(dir, 'kiosk.json');
    writeFileSync(config, JSON.stringify({ dataDir: join(dir, 'data') }));
    app = await electron.launch({
      executablePath: binary,
      args: ['dist/electron/shell/main.js', '--config', config, '--no-sandbox'],
    });
    page = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('serves the renderer from app:// with the API forwarded and no Node in the page', async () => {
    await page.getByTestId('home-prompt').waitFor({ timeout: 30_000 });
    expect(page.url()).toMatch(/^app:\/\/kiosk\//);
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    const state = await page.evaluate(async () => (await fetch('/api/state')).json());
    expect(state).toMatchObject({ ok: true, state: { terminalId: 'KIOSK-DEV-001' } });
  });

  it('opens no window and navigates nowhere outside app://kiosk', async () => {
    await page.evaluate(() => window.open('https://example.com/'));
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.getByTestId('home-prompt').waitFor();
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toMatch(/^app:\/\/kiosk\//);
  });

  it('is a full-screen kiosk window without a frame', async () => {
    const bounds = await app.evaluate(({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows()[0]!;
      return { kiosk: win.isKiosk(), devtools: win.webContents.isDevToolsOpened() };
    });
    expect(bounds).toEqual({ kiosk: true, devtools: false });
  });
});
