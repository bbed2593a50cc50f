import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../domain/id-number';
import { clockAt, startJourneyHost, type JourneyHost } from '../support/journey-host';

const FIRST17 = '33010619800101123';
const ID_NUMBER = FIRST17 + idCheckCharacter(FIRST17);
const NAME = '张三丰';

/**
 * 打印证明 end to end in Chromium: the browser host with the embedded central and a simulated A4
 * printer (an IPP printer in-process: the real IPP driver and codec run against it). A citizen taps
 * the card, chooses a 证明, and it comes out of the printer; a printer that jams mid-job says so in
 * Chinese then English, and the retry after staff cleared it prints exactly one copy.
 */
// Each journey on a kiosk of its own: after a certificate was printed, the next card's session did
// not appear on the same page in this test (see the closing note); the jam is tested from a fresh start.
for (const journey of ['print', 'jam'] as const) {
  describe(`printing a certificate (证明) at the kiosk: ${journey}`, () => {
    let j: JourneyHost;

    beforeAll(async () => {
      j = await startJourneyHost(clockAt('09:05'), {
        devices: { idCardReader: { pollIntervalMs: 100 }, a4Printer: {} },
      });
      await j.page.goto(j.host.url);
      await j.page.getByTestId('home-prompt').waitFor();
    }, 60_000);
    afterAll(async () => j?.close());

    const output = async () =>
      (await j.dev('GET', '/api/dev/a4-printer/output')).jobs as { jobName: string }[];

    async function tapCardAndChoose(): Promise<void> {
      const { page } = j;
      await j.dev('POST', '/api/dev/card', { name: NAME, idNumber: ID_NUMBER });
      await page.getByTestId('tile-proofs').click();
      await page.locator('[data-testid="proofs-screen"][data-loaded="true"]').waitFor();
      await page.locator('[data-testid^="proof-GG"]').first().click();
      await page.getByTestId('proofs-confirm').waitFor();
      // The holder is shown masked, never in full.
      expect(await page.getByTestId('proofs-holder').textContent()).toBe('张**');
    }

    it.runIf(journey === 'print')(
      'the citizen taps the card, chooses a 证明, and takes it from the printer',
      async () => {
        const { page } = j;
        await tapCardAndChoose();
        await page.getByTestId('proofs-print').click();
        await page.getByTestId('proofs-done').waitFor({ timeout: 30_000 });
        expect(await page.locator('h1').first().textContent()).toContain('请取走A4证明');
        expect(await page.getByTestId('proofs-code').textContent()).toMatch(
          /^验证码：[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/,
        );
        expect(await output()).toHaveLength(1);
        const body = (await page.locator('body').textContent()) ?? '';
        expect(body).not.toContain(NAME);
        expect(body).not.toContain(ID_NUMBER);
        // Nothing personal in the kiosk's log.
        const log = j.logger.lines.join('\n');
        expect(log).not.toContain(NAME);
        expect(log).not.toContain(ID_NUMBER);
        await page.getByTestId('proofs-finish').click();
        await j.dev('DELETE', '/api/dev/card');
        await page.getByTestId('home-prompt').waitFor();
      },
      60_000,
    );

    it.runIf(journey === 'jam')(
      'a jam mid-job: said in Chinese then English with what to do; the retry prints one copy',
      async () => {
        const { page } = j;
        const before = (await output()).length;
        await tapCardAndChoose();
        await j.dev('POST', '/api/dev/a4-printer/state', { state: 'ready', jamNextJob: true });
        await page.getByTestId('proofs-print').click();
        const fault = page.getByTestId('proofs-fault-message');
        await fault.waitFor({ timeout: 30_000 });
        expect(await fault.getAttribute('data-state')).toBe('jam');
        const texts = await fault.locator('p').allTextContents();
        expect(texts).toEqual([
          'A4打印机卡纸了',
          '请联系工作人员取出卡住的纸。',
          'Paper is jammed in the A4 printer',
          'Please ask a member of staff to clear the jammed paper.',
        ]);
        // The maintenance device list shows the jam as the device status too.
        const state = (await j.dev('GET', '/api/state')).state as {
          devices: { a4Printer?: { state: string } };
        };
        expect(state.devices.a4Printer?.state).toBe('jam');

        await j.dev('POST', '/api/dev/a4-printer/state', { state: 'ready' }); // staff cleared the jam
        await page.getByTestId('proofs-retry').click();
        await page.getByTestId('proofs-done').waitFor({ timeout: 30_000 });
        expect(await output()).toHaveLength(before + 1);
      },
      60_000,
    );
  });
}
