import { beforeAll, describe, expect, it } from 'vitest';
import { idNumber, refOf, STAFF } from '../../central/cases/test-support';
import { lookupCasesResponseSchema } from '../../central/cases/contract';
import type { CentralLink } from '../support/central-link';
import { signCommitments } from '../support/draw-signature';
import type { JourneyHost } from '../support/journey-host';
import { useLinkedJourney } from '../support/linked-journey';

/** Pages of candidates looked through for a word before the test gives up. */
const MAX_PAGES = 6;

/**
 * Chinese typed on the kiosk's one keyboard, in Chromium against the real backend (jieba's
 * dictionary, read at the first citizen) and the real central: the guide searched by a word typed
 * in pinyin, and an application posted to another address, the recipient's name and the street
 * address typed by pinyin, the district and street picked from the central's region codes. The
 * window at the central sees the full address and the name as typed.
 */
describe('Chinese input on the on-screen keyboard', () => {
  const linked = useLinkedJourney();
  let link: CentralLink;
  let j: JourneyHost;
  beforeAll(() => ({ link, j } = linked));

  const step = (name: string) =>
    j.page.locator(`[data-testid="apply-screen"][data-step="${name}"]`).waitFor();
  const next = () => j.page.getByTestId('apply-next').click();
  const press = async (keys: string) => {
    for (const k of keys) await j.page.getByTestId(`key-${k}`).click();
  };
  const composition = () => j.page.getByTestId('pinyin-composition').getAttribute('data-composition');

  /** Letters typed on the pinyin tab, then each word picked in turn from the candidates. */
  const typeAndPick = async (letters: string, words: string[]) => {
    await press(letters);
    expect(await composition()).toBe(letters);
    for (const word of words) {
      const candidate = j.page.locator(`[data-testid^="pinyin-candidate-"][data-text="${word}"]`);
      for (let page = 0; ; page++) {
        await j.page.locator('[data-testid="pinyin-candidate-0"]').waitFor();
        if ((await candidate.count()) > 0) break;
        expect(page, `${word} within ${MAX_PAGES} pages for ${letters}`).toBeLessThan(MAX_PAGES);
        await j.page.getByTestId('pinyin-next').click();
      }
      await candidate.first().click();
    }
    expect(await composition()).toBe('');
  };

  it('finds guide items by a Chinese word typed in pinyin: gongjijin → 公积金', async () => {
    const { page } = j;
    await page.getByTestId('tile-guide').click();
    await page.getByTestId('guide-search').click();
    expect(await page.getByTestId('keyboard-tab-pinyin').getAttribute('aria-selected')).toBe('true');
    await press('gongjijin');
    // The most likely word first.
    await page.locator('[data-testid="pinyin-candidate-0"][data-text="公积金"]').waitFor();
    await page.getByTestId('pinyin-candidate-0').click();
    expect(await page.getByTestId('guide-query').textContent()).toContain('公积金');
    const found = page.getByTestId('guide-results').locator('[data-testid^="guide-item-"]');
    await found.first().waitFor();
    for (const text of await found.allTextContents()) expect(text).toContain('公积金');
    await page.getByTestId('journey-home').click();
  });

  it('posts to another address typed in Chinese, with the recipient’s name, and the central holds both', async () => {
    const person = 641;
    const { page } = j;
    await j.dev('DELETE', '/api/dev/card');
    await page.getByTestId('home-prompt').waitFor();
    await j.dev('POST', '/api/dev/card', {
      name: '赵明远',
      idNumber: idNumber(person),
      birthDate: '1985-01-01',
      address: '浙江省杭州市上城区解放路1号',
    });
    await page.getByTestId('citizen-name').waitFor();
    await page.getByTestId('tile-apply').click();
    await page.getByTestId('apply-tab-items').click();
    await page.getByTestId('apply-item-QR01001001').click();
    await step('form');
    const conditions = page.locator('[data-testid^="apply-condition-"]');
    for (let i = 0; i < (await conditions.count()); i++) await conditions.nth(i).click();
    await press('13812345678');
    await next();
    await step('materials');
    await next();
    await step('commitments');
    await signCommitments(page);
    await page.locator('[data-testid="apply-commitment-MARITAL"][data-state="signed"]').waitFor();
    await next();

    await step('pickup');
    await page.getByTestId('apply-delivery-post').click();
    await page.getByTestId('apply-post-to-other').click();

    // The recipient's name, a character at a time: zhang → 张, wei → 伟.
    await page.getByTestId('apply-post-name').click();
    await typeAndPick('zhangwei', ['张', '伟']);
    expect(await page.getByTestId('apply-post-name').textContent()).toBe('张伟');

    // The district and street from the central's codes.
    await page.getByTestId('apply-post-region-330106000000').click();
    await page.getByTestId('apply-post-region-330106004000').click();

    // The street address: a local name first (文二 from 文二社区), then 路, the number, 号.
    await page.getByTestId('apply-post-detail').click();
    await typeAndPick('wenerlu', ['文二', '路']);
    await page.getByTestId('keyboard-tab-numbers').click();
    await press('108');
    await page.getByTestId('keyboard-tab-pinyin').click();
    await typeAndPick('hao', ['号']);
    expect(await page.getByTestId('apply-post-detail').textContent()).toBe('文二路108号');
    await next();

    await step('review');
    await page.getByTestId('apply-submit').click();
    await page.locator('[data-testid="apply-receipt"][data-pending="false"]').waitFor();
    const caseNumber = (await page.getByTestId('apply-case-number-QR01001001').textContent())!;

    const held = lookupCasesResponseSchema.parse(
      (await link.api.post('/v1/cases/lookup', { citizenRef: refOf(idNumber(person)) })).json,
    ).cases;
    expect(held.map((c) => [c.caseNumber, c.delivery])).toEqual([[caseNumber, 'post']]);
    const res = await link.api.get(`/v1/staff/cases/${held[0]!.caseId}`, STAFF.window);
    expect(res.status, res.text).toBe(200);
    const { applicant } = res.json as { applicant: { postalAddress?: string; recipientName?: string } };
    expect(applicant.postalAddress).toBe('杭州市西湖区西溪街道文二路108号');
    expect(applicant.recipientName).toBe('张伟');

    // Nothing typed reaches the kiosk's log.
    const log = j.logger.lines.join('\n');
    for (const typed of ['张伟', '文二路108号', 'zhangwei', 'wenerlu'])
      expect(log, typed).not.toContain(typed);
  });
});
