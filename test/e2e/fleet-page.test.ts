import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, STAFF, startWithStaff } from '../../central/cases/test-support';
import type { HeartbeatRequest } from '../../central/kiosks/contract';
import { FLEET_PATHS } from '../../central/kiosks/fleet-page';
import { FLEET_OFFLINE_SWEEP_MS, KIOSK_ONLINE_WINDOW_MS } from '../../central/kiosks/store';
import { launchChromium } from '../support/chromium';

/** What the issue asks of a device fault: on the page within 5 s. A deadline for a wait, not a sleep. */
const FAULT_SHOWN_WITHIN_MS = 5_000;

function heartbeat(devices: HeartbeatRequest['devices']): HeartbeatRequest {
  return {
    terminalId: 'KIOSK-SC-09',
    hallId: 'HALL-SC-01',
    devices,
    outboxDepth: 0,
    versions: { app: '0.1.0', config: 0 },
  };
}

describe('the fleet page in Chromium', () => {
  let central: Awaited<ReturnType<typeof startWithStaff>>;
  let browser: Browser;

  beforeAll(async () => {
    central = await startWithStaff();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await central?.close();
  });

  it('logs a manager in, shows the terminal, and shows its paper-out without a reload', async () => {
    const api = http(central.baseUrl);
    const ready = { idCardReader: { state: 'ready' }, receiptPrinter: { state: 'ready' } };
    expect((await api.post('/v1/kiosks/heartbeat', heartbeat(ready))).status).toBe(200);

    const page = await browser.newPage();
    const problems: string[] = [];
    // A refused login answers 401 and there is no favicon: Chromium logs those loads, which are fine.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico') && !r.url().endsWith(FLEET_PATHS.login))
        failed.push(`${r.status()} ${r.url()}`);
    });
    page.on('pageerror', (e) => problems.push(e.message));

    // The page sends a browser with no session to the login page.
    await page.goto(`${central.baseUrl}${FLEET_PATHS.page}`);
    expect(new URL(page.url()).pathname).toBe(FLEET_PATHS.login);
    await page.getByLabel('工作人员令牌 Staff token').fill('staff-not-a-real-token-00000000');
    await page.getByRole('button', { name: '登录 Log in' }).click();
    await page.getByRole('alert').getByText('令牌无效或已被撤销').waitFor();

    await page.getByLabel('工作人员令牌 Staff token').fill(STAFF.managerSc);
    await page.getByRole('button', { name: '登录 Log in' }).click();
    await page.waitForURL((url) => url.pathname === FLEET_PATHS.page);
    const row = page.locator('tr[data-terminal="KIOSK-SC-09"]');
    await row.getByText('在线 online').waitFor();
    await page.getByText('实时更新 live').waitFor();
    let reloaded = false;
    page.on('framenavigated', () => (reloaded = true));

    // The printer runs out of paper: the kiosk's next heartbeat reaches the open page by itself.
    const paperOut = { ...ready, receiptPrinter: { state: 'paper-out' } };
    const sentAt = Date.now();
    expect((await api.post('/v1/kiosks/heartbeat', heartbeat(paperOut))).status).toBe(200);
    await row.getByText('缺纸 paper-out').waitFor({ timeout: FAULT_SHOWN_WITHIN_MS });
    expect(Date.now() - sentAt).toBeLessThan(FAULT_SHOWN_WITHIN_MS);
    expect(reloaded).toBe(false);
    expect(await page.locator('tr[data-terminal="KIOSK-SC-09"]').count()).toBe(1);

    // The kiosk falls silent: the central's sweep marks it offline on the open page (the central's
    // clock is driven; the page only follows the stream).
    await central.clock.advance(KIOSK_ONLINE_WINDOW_MS + FLEET_OFFLINE_SWEEP_MS);
    await row.getByText('离线 offline').waitFor({ timeout: FAULT_SHOWN_WITHIN_MS });
    expect(reloaded).toBe(false);
    // No CSP violation, no script error: the page's script and style are its own files.
    expect(problems).toEqual([]);
    expect(failed).toEqual([]);
    await page.close();
  });
});
