import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentCard } from '../../drivers/id-card-reader/card-fixtures';
import { idCheckCharacter } from '../../domain/id-number';
import { maskIdNumber } from '../../domain/masking';
import { startJourneyHost, type JourneyHost } from '../support/journey-host';
import { DEV_PANEL } from '../support/screen-tour';

const FIRST17 = '33010619850315421';
const TYPED_ID = FIRST17 + idCheckCharacter(FIRST17);
const APP_FIRST17 = '44030419870615352';
const APP_ID = APP_FIRST17 + idCheckCharacter(APP_FIRST17);
/** SDT status: the SAM module failed its self-test (every read is answered with it). */
const SAM_SELF_TEST_FAILED = 0x60;

/**
 * A citizen at a kiosk whose card reader cannot read: the simulated reader's cable pulled, then its
 * SAM failing every read. The screen says card reading is out of order (Chinese, then English),
 * asks for no card and offers typing the number and the app's code; staff get one alert, however
 * many citizens come; the card prompt returns when the reader reads again.
 */
describe('a broken card reader', () => {
  let j: JourneyHost;

  beforeAll(async () => {
    j = await startJourneyHost();
    await j.page.goto(j.host.url);
    await j.page.getByTestId('home-prompt').waitFor();
  });
  afterAll(async () => j?.close());

  const devices = () => j.host.kiosk.devices;
  const readerAlerts = () => j.host.kiosk.alerts.list().filter((a) => a.what === 'card-reader-faulty');
  const alertLines = () => j.logger.lines.filter((l) => l.includes('"event":"staff.alert"'));

  async function expectOutOfOrderScreen(): Promise<void> {
    const { page } = j;
    const notice = page.getByTestId('card-reader-out');
    await notice.waitFor();
    expect(await notice.locator('[lang="zh-CN"]').textContent()).toBe('读卡器故障，暂时不能刷身份证');
    expect(await notice.locator('[lang="en"]').textContent()).toBe('Card reading is out of order');
    expect(await page.getByTestId('home-prompt').count()).toBe(0);
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain('放置身份证');
    expect(body).not.toContain('Place your ID card');
    await page.getByTestId('identify-type').waitFor();
    await page.getByTestId('identify-scan-hint').waitFor();
  }

  async function typeIdNumber(id: string): Promise<void> {
    const { page } = j;
    await page.getByTestId('identify-type').click();
    await page.getByTestId('identify-screen').waitFor();
    for (const ch of id) await page.getByTestId(`key-${ch}`).click();
    await page.getByTestId('id-submit').click();
    await page.getByTestId('citizen-id').waitFor();
    expect(await page.getByTestId('citizen-id').textContent()).toBe(maskIdNumber(id));
  }

  async function finish(): Promise<void> {
    await j.page.getByTestId('end-session').click();
    await j.page.getByTestId('citizen-id').waitFor({ state: 'detached' });
  }

  it('unplugged: says so, offers typing and the app code, and alerts staff once for every citizen', async () => {
    devices().simulatedReaderLink!.unplug();
    await expectOutOfOrderScreen();
    // The notice is read by screen readers as any screen is: no serious axe violation.
    const axe = await new AxeBuilder({ page: j.page })
      .withTags(['wcag2a', 'wcag2aa'])
      .exclude(DEV_PANEL)
      .setLegacyMode()
      .analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await expect.poll(readerAlerts, { timeout: 10_000 }).toMatchObject([{ state: 'disconnected' }]);

    // One citizen types their number, the next shows the app's code: both get in.
    await typeIdNumber(TYPED_ID);
    await finish();
    await expectOutOfOrderScreen();
    await j.dev('POST', '/api/dev/scan', { text: `citizen-id:${APP_ID}` });
    await j.page.getByTestId('citizen-id').waitFor();
    await finish();
    await expectOutOfOrderScreen();

    expect(readerAlerts()).toHaveLength(1);
    expect(alertLines()).toHaveLength(1);
    expect((await j.dev('GET', '/api/state')).state).toMatchObject({
      devices: { idCardReader: { state: 'disconnected' } },
    });
  });

  it('plugged back in: the card prompt returns, the alert is resolved and a card is read', async () => {
    devices().simulatedReaderLink!.replug();
    await j.page.getByTestId('home-prompt').waitFor();
    expect(await j.page.getByTestId('card-reader-out').count()).toBe(0);
    expect(await j.page.getByTestId('home-prompt').textContent()).toBe('请在读卡区放置身份证');
    await expect.poll(readerAlerts).toEqual([]);
    devices().simulatedCard!.placeCard(residentCard);
    await j.page.getByTestId('citizen-name').waitFor();
    devices().simulatedCard!.removeCard();
    await j.page.getByTestId('home-prompt').waitFor();
  });

  it('a failing SAM: faulty after a few reads, said on screen, one more alert, and back when it reads', async () => {
    const before = alertLines().length;
    devices().simulatedCard!.setFailing({ sw3: SAM_SELF_TEST_FAILED });
    await expectOutOfOrderScreen();
    await expect.poll(readerAlerts, { timeout: 10_000 }).toMatchObject([{ state: 'faulty' }]);
    expect((await j.dev('GET', '/api/state')).state).toMatchObject({
      devices: { idCardReader: { state: 'faulty' } },
    });
    expect(alertLines()).toHaveLength(before + 1);

    devices().simulatedCard!.setFailing(undefined);
    await j.page.getByTestId('home-prompt').waitFor();
    await expect.poll(readerAlerts).toEqual([]);
    // The citizens who got in by their number left no trace of it in the log.
    const logs = j.logger.lines.join('\n');
    for (const id of [TYPED_ID, APP_ID]) expect(logs).not.toContain(id);
  });
});

describe('a Chinese-only kiosk', () => {
  let j: JourneyHost;

  beforeAll(async () => {
    j = await startJourneyHost(undefined, { languages: ['zh-CN'] });
    await j.page.goto(j.host.url);
    await j.page.getByTestId('home-prompt').waitFor();
  });
  afterAll(async () => j?.close());

  it('shows no language switch and no English, and prints its ticket in Chinese alone', async () => {
    const { page } = j;
    expect(await page.getByTestId('lang-switch').count()).toBe(0);
    expect(await page.getByTestId('lang-en').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain('Place your ID card');

    j.host.kiosk.devices.simulatedCard!.placeCard(residentCard);
    await page.getByTestId('take-number').click();
    const category = page.locator('[data-testid^="category-"]').first();
    await category.click();
    await page.getByTestId('ticket-number').waitFor();
    const paper = ((await j.dev('GET', '/api/dev/printer/paper')).lines as string[]).filter(
      (l) => !l.startsWith('['),
    );
    expect(paper.length).toBeGreaterThan(5);
    expect(paper.flatMap((l) => l.match(/(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])/g) ?? [])).toEqual([]);
    j.host.kiosk.devices.simulatedCard!.removeCard();
  });
});
