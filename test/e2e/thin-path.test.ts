import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallDate } from '../../domain/hall-time';
import { idCheckCharacter } from '../../domain/id-number';
import { startBrowserHost, type BrowserHost } from '../../electron/backend/browser-host';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { parseConfig } from '../../kiosk-config/load-config';
import { launchChromium } from '../support/chromium';
import { hostApi } from '../support/host-api';

const NAME = '张三丰';
const ID_FIRST17 = '33010619800101123';
const ID_NUMBER = ID_FIRST17 + idCheckCharacter(ID_FIRST17);

describe('thin path: card → masked citizen → take a number → printed ticket → central record', () => {
  let dataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  const logger = createTestLogger();

  const dev = hostApi(() => host).call;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
    const config = parseConfig({
      dataDir,
      browserHost: { port: 0 },
      devices: { idCardReader: { pollIntervalMs: 100 } },
    });
    host = await startBrowserHost(config, { logger });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves nothing without the per-start secret', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/state`);
    expect(res.status).toBe(401);
  });

  it('runs the whole path through every layer', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('home-prompt').isVisible()).toBe(true);

    // The simulated reader answers the real SDT frames; the backend decodes them into a session.
    await dev('POST', '/api/dev/card', { name: NAME, idNumber: ID_NUMBER, birthDate: '1980-01-01' });
    await page.getByTestId('citizen-name').waitFor();
    expect(await page.getByTestId('citizen-name').textContent()).toContain('张**');
    expect(await page.getByTestId('citizen-id').textContent()).toContain(
      `330106********${ID_NUMBER.slice(-4)}`,
    );
    // The full name and number never reach the page.
    const html = await page.content();
    expect(html).not.toContain(NAME);
    expect(html).not.toContain(ID_NUMBER);

    await page.getByTestId('take-number').click();
    await page.getByTestId('category-A').click();
    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toContain('A001');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/thin-path-ticket.png' });

    // The printer's paper, decoded back from the ESC/POS bytes it received.
    const paper = (await dev('GET', '/api/dev/printer/paper')).lines as string[];
    expect(paper.join('\n')).toContain('A001');
    expect(paper).toContain('过号无效，请重新取号');
    expect(paper.some((l) => l.startsWith('[QR] '))).toBe(true);
    expect(paper.at(-1)).toBe('[CUT]');
    expect(paper.join('\n')).not.toContain(ID_NUMBER);

    // The outbox row was delivered and the central holds the ticket once.
    expect(host.kiosk.outbox.counts()).toMatchObject({ acknowledged: 1, pending: 0, 'in-flight': 0 });
    const today = hallDate(Date.now());
    const central = await fetch(
      `${host.kiosk.centralBaseUrl}/v1/queue/tickets?hallId=HALL-CITY-01&date=${today}`,
      { headers: { authorization: `Bearer ${host.kiosk.config.central.deviceToken}` } },
    );
    const { tickets } = (await central.json()) as { tickets: { number: string; terminalId: string }[] };
    expect(tickets).toEqual([expect.objectContaining({ number: 'A001', terminalId: 'KIOSK-DEV-001' })]);

    // Taking the card away ends the session and wipes the citizen from the screen.
    await dev('DELETE', '/api/dev/card');
    await page.getByTestId('home-prompt').waitFor();
    expect(await page.content()).not.toContain('张*');
  });

  it('keeps personal data out of the logs', () => {
    const logs = logger.lines.join('\n');
    expect(logs).toContain('"event":"ticket.printed"');
    expect(logs).not.toContain(NAME);
    expect(logs).not.toContain(ID_NUMBER);
  });
});
