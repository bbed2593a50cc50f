import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../domain/id-number';
import { clockAt, startJourneyHost, type JourneyHost } from '../support/journey-host';

/** A resident of Hangzhou born in `birthDate`, with a valid ID number. */
function card(name: string, birthDate: string, seq: string) {
  const first17 = `330106${birthDate.replaceAll('-', '')}${seq}`;
  return { name, idNumber: first17 + idCheckCharacter(first17), birthDate };
}

const SENIOR = card('欧阳秀兰', '1958-04-12', '224');
const YOUNGER = card('司马文', '1985-09-30', '318');

/** 适老化 (the accessibility test's figures): main text ≥ 18 pt (24 px), touch targets ≥ 60 dp. */
const MIN_ELDERLY_TEXT_PX = 24;
const MIN_TARGET_PX = 60;

/**
 * 长辈模式 in Chromium against the real backend: a card holder of 60 or more is offered the mode
 * once a session, the mode shows the short menu in large type with voice guidance on, and the
 * voice goes to the backend (this Chromium has no voices), which speaks through speech-dispatcher.
 */
describe('长辈模式', () => {
  let j: JourneyHost;
  const spoken: { text: string; language: string }[] = [];

  beforeAll(async () => {
    j = await startJourneyHost(clockAt('09:05'));
    j.page.on('request', (request: Request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/voice/speak') {
        spoken.push(request.postDataJSON() as { text: string; language: string });
      }
    });
    await j.page.goto(j.host.url);
    await j.page.getByTestId('home-prompt').waitFor();
  });
  afterAll(async () => {
    await j?.close();
  });

  const placeCard = async (c: ReturnType<typeof card>) => {
    await j.dev('POST', '/api/dev/card', c);
    await j.page.getByTestId('citizen-name').waitFor();
  };
  const cardAway = async () => {
    await j.dev('DELETE', '/api/dev/card');
    await j.page.getByTestId('home-prompt').waitFor();
  };

  it('is offered to a card holder of 60 or more; 是 gives the short menu, large, with voice', async () => {
    const { page } = j;
    await placeCard(SENIOR);
    const offer = page.getByTestId('elderly-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('是否切换到长辈模式？');
    await page.getByTestId('elderly-offer-yes').click();

    await page.getByTestId('elderly-menu').waitFor();
    expect(await page.getByTestId('kiosk').getAttribute('class')).toContain('elderly');
    const tiles = page.locator('[data-testid="elderly-menu"] .tile');
    expect(await tiles.count()).toBe(4);
    for (const tile of await tiles.all()) {
      const box = (await tile.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(MIN_TARGET_PX);
      expect(box.height).toBeGreaterThanOrEqual(MIN_TARGET_PX);
      const size = await tile
        .locator('.tile-title')
        .evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
      expect(size).toBeGreaterThanOrEqual(MIN_ELDERLY_TEXT_PX);
    }

    // Voice came on with the mode and read the menu and its choices, through the backend.
    await expect
      .poll(() => spoken.map((s) => s.text))
      .toContain('常用服务。取号，办件进度，缴费，老年人优待证，全部服务');
    expect(spoken.at(-1)!.language).toBe('zh-CN');
  });

  it('keeps the mode and the answer through the journey, and reads the categories', async () => {
    const { page } = j;
    await page.getByTestId('take-number').click();
    await page.getByTestId('category-A').waitFor();
    await expect.poll(() => spoken.at(-1)?.text ?? '').toMatch(/^请选择.*。.+，/);
    await page.getByTestId('journey-home').click();
    await page.getByTestId('elderly-menu').waitFor();
    expect(await page.getByTestId('elderly-offer').count()).toBe(0);
    expect(await page.getByTestId('voice-toggle').getAttribute('aria-pressed')).toBe('true');
  });

  it('asks again in the next session, not a younger card holder, and 否 is kept', async () => {
    const { page } = j;
    await cardAway();
    expect(await page.getByTestId('kiosk').getAttribute('class')).not.toContain('elderly');
    await placeCard(YOUNGER);
    expect(await page.getByTestId('elderly-offer').count()).toBe(0);
    await cardAway();

    await placeCard(SENIOR);
    await page.getByTestId('elderly-offer').waitFor();
    await page.getByTestId('elderly-offer-no').click();
    await page.getByTestId('tile-rate').waitFor();
    await page.getByTestId('tile-guide').click();
    await page.getByTestId('journey-home').click();
    await page.getByTestId('tile-rate').waitFor();
    expect(await page.getByTestId('elderly-offer').count()).toBe(0);
    await cardAway();
  });

  it('leaves the spoken text out of the log', () => {
    const logs = j.logger.lines.join('\n');
    expect(spoken.length).toBeGreaterThan(0);
    for (const s of spoken) expect(logs).not.toContain(s.text);
  });
});
