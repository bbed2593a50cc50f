import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/backend/browser-host';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { parseConfig } from '../../kiosk-config/load-config';
import { launchChromium } from '../support/chromium';
import { hostApi } from '../support/host-api';

type Mode = { language: 'zh-CN' | 'en'; elderly: boolean };

const TEXT = {
  'zh-CN': {
    homesale: '二手房交易登记“一件事”',
    mortgage: '不动产抵押权首次登记',
    eCert: '可以调取电子证照',
    toBring: '借款合同',
    propBasis: '不动产权证书电子证照',
    condition: '抵押人与抵押权人已签订借款及抵押合同',
    fee: '不动产登记费（住宅）',
  },
  en: {
    homesale: 'Resale home “one thing”',
    mortgage: 'First mortgage registration',
    eCert: 'electronic certificate is fetched',
    toBring: 'Loan contract',
    propBasis: 'Real estate title e-certificate',
    condition: 'Mortgagor and mortgagee have signed the loan and mortgage contracts',
    fee: 'Real estate registration fee (home)',
  },
} as const;

describe('service guide: life events, departments, pinyin search, an item after 四个一律取消', () => {
  let dataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  const logger = createTestLogger();
  const api = hostApi(() => host);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-guide-'));
    const config = parseConfig({ dataDir, browserHost: { port: 0 } });
    host = await startBrowserHost(config, { logger });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** axe-core on the screen as it is: no serious or critical violation. */
  async function accessible(page: Page, where: string): Promise<void> {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad, where).toEqual([]);
  }

  async function title(page: Page): Promise<string> {
    return (await page.getByTestId('guide-title').textContent()) ?? '';
  }

  it('answers the catalogue over /api from the cache the backend filled at start', async () => {
    const overview = await api.call('GET', '/api/guide/overview');
    expect(overview.catalogue).toMatchObject({ fromCache: false });
    const found = (await api.call('GET', '/api/guide/search?q=bdc')) as { items: { itemCode: string }[] };
    expect(found.items[0]?.itemCode).toBe('QR01003001');
    expect((await api.request('GET', '/api/guide/items/XX00000000')).status).toBe(404);
  });

  const modes: Mode[] = [
    { language: 'zh-CN', elderly: false },
    { language: 'en', elderly: false },
    { language: 'zh-CN', elderly: true },
    { language: 'en', elderly: true },
  ];

  for (const mode of modes) {
    const label = `${mode.language}${mode.elderly ? ', elderly mode' : ''}`;
    it(`browses, searches and reads an item (${label})`, async () => {
      const text = TEXT[mode.language];
      // axe needs a page of an explicit context.
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' });
      const page = await context.newPage();
      try {
        await page.goto(host.url);
        await page.getByTestId('home-prompt').waitFor();
        if (mode.language === 'en') await page.getByTestId('lang-en').click();
        if (mode.elderly) await page.getByTestId('elderly-toggle').click();

        // No identity: straight from the card prompt into the guide.
        await page.getByTestId('tile-guide').click();
        await page.getByTestId('guide-bundle-BD-BIRTH').waitFor();
        await accessible(page, `guide home, life events (${label})`);

        // A life event: its merged materials and its items.
        await page.getByTestId('guide-bundle-BD-HOMESALE').click();
        await page.getByTestId('guide-item-QR01001001').waitFor();
        expect(await title(page)).toBe(text.homesale);
        expect(await page.getByTestId('guide-dropped').isVisible()).toBe(true);
        await accessible(page, `life event (${label})`);

        // By department.
        await page.getByTestId('guide-back').click();
        await page.getByTestId('guide-tab-departments').click();
        await page.getByTestId('guide-department-330100-GT').click();
        await page.getByTestId('guide-item-QR01003001').waitFor();
        await accessible(page, `department (${label})`);
        await page.getByTestId('guide-back').click();
        await accessible(page, `guide home, departments (${label})`);

        // Search by pinyin initials on the on-screen keyboard: BDC → 不动产…
        await page.getByTestId('guide-search').click();
        await page.getByTestId('keyboard-tab-letters').click();
        for (const key of ['B', 'D', 'C']) await page.getByTestId(`key-${key}`).click();
        await page.getByTestId('guide-results').getByTestId('guide-item-QR01003001').waitFor();
        expect(await page.getByTestId('guide-query').textContent()).toContain('BDC');
        const found = await page
          .getByTestId('guide-results')
          .locator('[data-testid^="guide-item-"]')
          .allTextContents();
        expect(found[0]).toContain(text.mortgage);
        await accessible(page, `search results (${label})`);

        // The item: what to bring, and what was dropped and why.
        await page.getByTestId('guide-results').getByTestId('guide-item-QR01003001').click();
        await page.getByTestId('guide-dropped').waitFor();
        expect(await title(page)).toBe(text.mortgage);
        expect(await page.getByTestId('guide-bring-LOAN').textContent()).toContain(text.toBring);
        expect(await page.getByTestId('guide-dropped-ID').getAttribute('data-reason')).toBe('e-certificate');
        expect(await page.getByTestId('guide-dropped-ID').textContent()).toContain(text.eCert);
        expect(await page.getByTestId('guide-dropped-PROP').textContent()).toContain(text.propBasis);
        expect(await page.getByTestId('guide-fees').textContent()).toContain('80.00');
        // Conditions and fees come from the catalogue in the citizen's language: wholly English in English.
        expect(await page.getByTestId('guide-conditions').textContent()).toBe(text.condition);
        expect(await page.getByTestId('guide-fees').textContent()).toContain(text.fee);
        if (mode.language === 'en') {
          for (const id of ['guide-conditions', 'guide-fees', 'guide-dropped']) {
            expect(await page.getByTestId(id).textContent(), id).not.toMatch(/\p{Script=Han}/u);
          }
        }
        await accessible(page, `item (${label})`);

        // Home again: the kiosk's card prompt.
        await page.getByTestId('journey-home').click();
        await page.getByTestId('home-prompt').waitFor();
      } finally {
        await context.close();
      }
    });
  }

  it('logs the catalogue sync by its event', () => {
    expect(logger.lines.join('\n')).toContain('"event":"catalogue.synced"');
  });
});
