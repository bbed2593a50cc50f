import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../domain/id-number';
import { startBrowserHost, type BrowserHost } from '../../electron/backend/browser-host';
import { createLogger } from '../../electron/backend/logging/logger';
import { parseConfig } from '../../kiosk-config/load-config';
import { launchChromium } from '../support/chromium';
import { hostApi } from '../support/host-api';

interface Citizen {
  name: string;
  idNumber: string;
  birthDate: string;
  address: string;
}

function citizen(name: string, birthDate: string, seq: string, address: string): Citizen {
  const first17 = `330106${birthDate.replaceAll('-', '')}${seq}`;
  return { name, idNumber: first17 + idCheckCharacter(first17), birthDate, address };
}

const PEOPLE = {
  first: citizen('司马相如', '1982-07-14', '561', '浙江省杭州市上城区清河坊街88号'),
  paperOut: citizen('诸葛孔明', '1975-02-09', '733', '浙江省杭州市西湖区文三路17号'),
  badRead: citizen('上官婉儿', '1990-10-21', '284', '浙江省杭州市拱墅区湖墅南路5号'),
  elderly: citizen('欧阳修文', '1941-05-30', '115', '浙江省杭州市滨江区江南大道3号'),
};

/**
 * Every citizen journey the kiosk has (card → take a number; a second number refused; paper out
 * with the number kept; a card that fails to read; the green channel; card removed), through the
 * browser host and Chromium, then every log line — in memory and in the rotating log file — is
 * scanned for the names, ID numbers, birth dates and addresses of the people who used it.
 */
describe('no personal data in the logs after every citizen journey', () => {
  let dir: string;
  let logFile: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  const lines: string[] = [];

  const dev = hostApi(() => host).call;
  const placeCard = (c: Citizen) =>
    dev('POST', '/api/dev/card', {
      name: c.name,
      idNumber: c.idNumber,
      birthDate: c.birthDate,
      address: c.address,
    });
  const takeNumber = async () => {
    await page.getByTestId('citizen-name').waitFor();
    await page.getByTestId('take-number').click();
    await page.getByTestId('category-A').click();
  };
  const cardAway = async () => {
    await dev('DELETE', '/api/dev/card');
    await page.getByTestId('home-prompt').waitFor();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-privacy-'));
    logFile = join(dir, 'logs', 'kiosk.log');
    const logger = createLogger({
      level: 'debug',
      destination: { write: (line: string) => void lines.push(line) },
      file: { path: logFile },
    });
    host = await startBrowserHost(
      parseConfig({
        dataDir: join(dir, 'data'),
        store: { keyFile: join(dir, 'keys', 'store.key') },
        browserHost: { port: 0 },
        devices: { idCardReader: { pollIntervalMs: 100 } },
      }),
      { logger },
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' });
    await page.goto(host.url);
    await page.getByTestId('home-prompt').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a number, and refuses a second one for the same card', async () => {
    await placeCard(PEOPLE.first);
    await takeNumber();
    await page.getByTestId('ticket-number').waitFor();
    await cardAway();
    await placeCard(PEOPLE.first);
    await takeNumber();
    expect(await page.getByTestId('error-message').textContent()).toContain('A0');
    await cardAway();
  });

  it('keeps the number when the printer is out of paper', async () => {
    await dev('POST', '/api/dev/printer/state', { state: 'paper-out' });
    await placeCard(PEOPLE.paperOut);
    await takeNumber();
    expect(await page.getByTestId('error-message').textContent()).toContain('缺纸');
    await cardAway();
    await dev('POST', '/api/dev/printer/state', { state: 'ready' });
  });

  it('survives a card read that fails its checksum', async () => {
    host.kiosk.devices.simulatedCard!.injectFault('checksum-error');
    await placeCard(PEOPLE.badRead);
    await page.getByTestId('card-error').or(page.getByTestId('citizen-name')).first().waitFor();
    await page.getByTestId('citizen-name').waitFor();
    await cardAway();
  });

  it('serves an elderly citizen by the green channel until the card is taken away', async () => {
    await placeCard(PEOPLE.elderly);
    await page.getByTestId('green-channel').waitFor();
    // 长辈模式 is offered to a card holder of 60 or more; this journey keeps the full menu.
    await page.getByTestId('elderly-offer-no').click();
    await takeNumber();
    await page.getByTestId('ticket-priority').waitFor();
    await cardAway();
  });

  it('leaves no name, ID number, birth date or address in any log line', () => {
    const all = [...lines, ...readFileSync(logFile, 'utf8').split('\n')].filter(Boolean);
    const events = new Set(all.map((l) => (JSON.parse(l) as { event: string }).event));
    // The journeys really ran (and were logged) ...
    for (const e of ['card.read', 'ticket.printed', 'ticket.print-failed', 'card.removed']) {
      expect([...events], e).toContain(e);
    }
    // ... and nobody's identity is in what they left behind.
    for (const c of Object.values(PEOPLE)) {
      for (const value of [c.name, c.idNumber, c.idNumber.slice(6, 14), c.birthDate, c.address]) {
        const hits = all.filter((l) => l.includes(value));
        expect(hits, `${value} in the logs`).toEqual([]);
      }
    }
    // No 18-character ID number of anyone at all (not inside a hex digest or key).
    expect(all.filter((l) => /(?<![0-9a-fA-F])\d{17}[\dX](?![0-9a-fA-F])/.test(l))).toEqual([]);
  });
});
