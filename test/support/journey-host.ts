import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { systemClock, type Clock } from '../../domain/clock';
import { hallDate, hallInstant } from '../../domain/hall-time';
import { startBrowserHost, type BrowserHost } from '../../electron/backend/browser-host';
import { createTestLogger, type TestLogger } from '../../electron/backend/logging/logger';
import { parseConfig } from '../../kiosk-config/load-config';
import { launchChromium } from './chromium';
import { devApi, type DevApi } from './dev-api';

/**
 * Today's hall date, or tomorrow's when today is a Sunday: the default hall calendar opens Monday to
 * Saturday, and the journeys book and take numbers on the day the clock says.
 */
export function openHallDay(nowMs: number): string {
  const today = hallDate(nowMs);
  const sunday = new Date(`${today}T12:00:00Z`).getUTCDay() === 0;
  return sunday ? hallDate(hallInstant(today, '12:00') + 24 * 60 * 60 * 1000) : today;
}

/**
 * The real clock moved to `hhmm` hall time today (the next day when the hall is closed today): timers stay real (Playwright waits), but the
 * kiosk and the embedded central agree it is, e.g., 09:05, inside the appointment day.
 */
export function clockAt(hhmm: string): Clock {
  const offset = hallInstant(openHallDay(Date.now()), hhmm) - Date.now();
  return { ...systemClock, now: () => Date.now() + offset };
}

export interface JourneyHost {
  host: BrowserHost;
  browser: Browser;
  page: Page;
  logger: TestLogger;
  dev: DevApi;
  close(): Promise<void>;
}

/**
 * The browser host in-process with a simulated scanner, the embedded central, and Chromium.
 * `overrides` are more configuration fields (e.g. a remote `central`, `idle` times).
 */
export async function startJourneyHost(
  clock: Clock = clockAt('09:05'),
  overrides: Record<string, unknown> = {},
): Promise<JourneyHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-journey-'));
  const logger = createTestLogger();
  const config = parseConfig({
    dataDir,
    browserHost: { port: 0 },
    devices: { idCardReader: { pollIntervalMs: 100 }, qrScanner: {} },
    ...overrides,
  });
  const host = await startBrowserHost(config, { logger, clock });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' });
  return {
    host,
    browser,
    page,
    logger,
    dev: devApi(host),
    close: async () => {
      await browser.close();
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
