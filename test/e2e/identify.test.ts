import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  foreigner2023Card,
  foreignerCard,
  hmtPermitCard,
  residentCard,
} from '../../drivers/id-card-reader/card-fixtures';
import { idCheckCharacter } from '../../domain/id-number';
import { maskIdNumber, maskName } from '../../domain/masking';
import type { CardIdentity } from '../../drivers/id-card-reader/types';
import { startJourneyHost, type JourneyHost } from '../support/journey-host';

const APP_FIRST17 = '44030419870615352';
const APP_ID = APP_FIRST17 + idCheckCharacter(APP_FIRST17);

const IDLE = { sessionSeconds: 60, elderlySessionSeconds: 150, warningSeconds: 10 };

/**
 * Identify: by the citizen's app QR code on the simulated scanner, and by each card
 * type the reader knows, masked; a card pulled mid-read; the idle countdown (longer in elderly
 * mode) on the page's own faked clock; "please take your card"; and afterwards no trace of the
 * citizen in the page or in the renderer's memory.
 */
describe('identify the citizen, and forget them afterwards', () => {
  let j: JourneyHost;
  let cdp: CDPSession;

  beforeAll(async () => {
    j = await startJourneyHost(undefined, { idle: IDLE });
    // The page's timers run on Playwright's clock: the idle countdown is driven, never waited for.
    await j.page.clock.install();
    await j.page.goto(j.host.url);
    await j.page.getByTestId('home-prompt').waitFor();
    cdp = await j.page.context().newCDPSession(j.page);
  });
  afterAll(async () => j?.close());

  const sim = () => j.host.kiosk.devices.simulatedCard!;
  const place = async (card: CardIdentity) => {
    sim().placeCard(card);
    await j.page.getByTestId('citizen-name').waitFor();
  };
  const takeAway = async () => {
    sim().removeCard();
    await j.page.locator('[data-testid="home-prompt"]').waitFor();
    await j.page.getByTestId('citizen-id').waitFor({ state: 'detached' });
  };

  /** Every string alive in the renderer's JS heap after a full garbage collection. */
  async function heapStrings(): Promise<string> {
    const chunks: string[] = [];
    const onChunk = (e: { chunk: string }) => void chunks.push(e.chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    const snapshot = JSON.parse(chunks.join('')) as { strings: string[] };
    return snapshot.strings.join('\n');
  }

  /**
   * Nothing of the citizen left: what the screen showed (masked) is gone from the page and from
   * every store or stale render in the renderer's memory; the full values never reached either.
   */
  async function expectNoTrace(card: { name?: string; idNumber: string }) {
    const shown = [maskIdNumber(card.idNumber), ...(card.name ? [maskName(card.name)] : [])];
    const html = await j.page.content();
    const heap = await heapStrings();
    for (const value of [...shown, card.idNumber, ...(card.name ? [card.name] : [])]) {
      expect(html, `${value} in the page`).not.toContain(value);
    }
    for (const value of [...shown, card.idNumber]) {
      expect(heap.includes(value), `${value} in the renderer's memory`).toBe(false);
    }
  }

  it('identifies by the app QR code on the scanner: masked, with what a declared identity may do', async () => {
    const { page } = j;
    await page.getByTestId('identify-scan-hint').waitFor();
    await j.dev('POST', '/api/dev/scan', { text: `citizen-id:${APP_ID}` });
    await page.getByTestId('citizen-id').waitFor();
    expect(await page.getByTestId('citizen-id').textContent()).toBe(maskIdNumber(APP_ID));
    await page.getByTestId('declared-limits').waitFor();
    expect(await page.getByTestId('tile-pay').count()).toBe(0);
    expect(await page.content()).not.toContain(APP_ID);
    await page.getByTestId('end-session').click();
    await page.getByTestId('citizen-id').waitFor({ state: 'detached' });
    // No card was used: nothing to take away.
    expect(await page.getByTestId('take-card').count()).toBe(0);
    await expectNoTrace({ idNumber: APP_ID });
  });

  for (const [label, card] of [
    ['resident card', residentCard],
    ['HK/Macao/Taiwan residence permit (J)', hmtPermitCard],
    ['foreigner permanent residence card (I)', foreignerCard],
    ['2023 foreigner permanent residence card (Y)', foreigner2023Card],
  ] as const) {
    it(`shows the ${label} masked, and nothing once it is taken away`, async () => {
      const { page } = j;
      await place(card);
      expect(await page.getByTestId('citizen-name').textContent()).toBe(maskName(card.name));
      expect(await page.getByTestId('citizen-id').textContent()).toBe(maskIdNumber(card.idNumber));
      const html = await page.content();
      expect(html).not.toContain(card.idNumber);
      expect(html).not.toContain(card.name);
      await takeAway();
      await expectNoTrace(card);
    });
  }

  it('asks to place the card again when it is pulled mid-read, shows nothing half-read, then reads it', async () => {
    const { page } = j;
    sim().injectFault('remove-mid-read');
    sim().placeCard(residentCard);
    await page.getByTestId('card-error').waitFor();
    expect(await page.getByTestId('card-error').textContent()).toContain('没有读到身份证');
    expect(await page.getByTestId('citizen-name').count()).toBe(0);
    expect(await page.content()).not.toContain(maskIdNumber(residentCard.idNumber));

    await place(residentCard);
    expect(await page.getByTestId('card-error').count()).toBe(0);
    expect(await page.getByTestId('citizen-id').textContent()).toBe(maskIdNumber(residentCard.idNumber));
    await takeAway();
  });

  it('counts down before ending a forgotten session, later in elderly mode, then asks to take the card', async () => {
    const { page } = j;
    await place(residentCard);
    const countdown = page.getByTestId('idle-countdown');

    await page.clock.runFor((IDLE.sessionSeconds - 1) * 1000);
    expect(await countdown.count()).toBe(0);
    await page.clock.runFor(1000);
    await countdown.waitFor();
    expect(await countdown.textContent()).toContain(`${IDLE.warningSeconds} 秒后将自动退出`);
    await page.clock.runFor(3000);
    expect(await countdown.textContent()).toContain(`${IDLE.warningSeconds - 3} 秒后将自动退出`);
    await page.getByTestId('idle-continue').click();
    await countdown.waitFor({ state: 'detached' });

    // Elderly mode: no countdown at the ordinary time, only at the longer one.
    await page.getByTestId('elderly-toggle').click();
    await page.locator('[data-testid="kiosk"].elderly').waitFor();
    await page.clock.runFor(IDLE.sessionSeconds * 1000 + 5000);
    expect(await countdown.count()).toBe(0);
    await page.clock.runFor((IDLE.elderlySessionSeconds - IDLE.sessionSeconds - 5) * 1000);
    await countdown.waitFor();

    // Nobody touches it: the session ends, the card is still there and the screen says to take it.
    await page.clock.runFor(IDLE.warningSeconds * 1000);
    await page.getByTestId('take-card').waitFor();
    expect(await page.getByTestId('take-card').textContent()).toBe('办理已结束，请取走您的身份证。');
    expect(await page.getByTestId('citizen-name').count()).toBe(0);
    expect(j.host.kiosk.session.active).toBe(false);
    expect(await page.locator('[data-testid="kiosk"].elderly').count()).toBe(0);
    sim().removeCard();
    await page.getByTestId('take-card').waitFor({ state: 'detached' });
    await expectNoTrace(residentCard);
  });

  it('asks to take the card after "finish", and forgets the citizen', async () => {
    const { page } = j;
    await place(hmtPermitCard);
    await page.getByTestId('end-session').click();
    await page.getByTestId('take-card').waitFor();
    expect(await page.getByTestId('citizen-name').count()).toBe(0);
    sim().removeCard();
    await page.getByTestId('take-card').waitFor({ state: 'detached' });
    await expectNoTrace(hmtPermitCard);
    const logs = j.logger.lines.join('\n');
    for (const card of [residentCard, hmtPermitCard, foreignerCard, foreigner2023Card]) {
      expect(logs).not.toContain(card.idNumber);
      expect(logs).not.toContain(card.name);
    }
    expect(logs).not.toContain(APP_ID);
  });
});
