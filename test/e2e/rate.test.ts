import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumber, STAFF } from '../../central/cases/test-support';
import { startCentralLink, LINK_DEVICE_TOKEN, type CentralLink } from '../support/central-link';
import { clockAt, startJourneyHost, type JourneyHost } from '../support/journey-host';

const PERSON = 21;
const ID_NUMBER = idNumber(PERSON);
const NAME = '司徒慧敏';

interface Indicators {
  levels: { level: number; name: { zh: string }; poor: boolean }[];
  positive: { code: string; name: { zh: string } }[];
  negative: { code: string; name: { zh: string } }[];
}

/**
 * Rate (好差评): a served visit (its ticket's QR scanned) and a completed case, five
 * levels and the kiosk channel's indicators from the central; a poor rating asks why and says who
 * follows up by when; rating the same visit or case again is refused plainly.
 */
describe('rate a served visit and a completed case', () => {
  let link: CentralLink;
  let j: JourneyHost;
  /** The indicators of a window visit, and of a case applied for at a kiosk. */
  let windowIndicators: Indicators;
  let indicators: Indicators;
  let ticketQr: string;
  let completed: { caseId: string; caseNumber: string };

  beforeAll(async () => {
    link = await startCentralLink();
    completed = await link.caseWithFee(PERSON, { approve: true });
    j = await startJourneyHost(clockAt('09:05'), { central: link.kioskCentral });
    const of = async (channel: string) =>
      (await (
        await fetch(`${link.directUrl}/v1/evaluations/indicators?channel=${channel}`, {
          headers: { authorization: `Bearer ${LINK_DEVICE_TOKEN}` },
        })
      ).json()) as Indicators;
    indicators = await of('kiosk');
    windowIndicators = await of('hall-window');
  });
  afterAll(async () => {
    await j?.close();
    await link?.close();
  });

  const placeCard = async () => {
    await j.dev('POST', '/api/dev/card', { name: NAME, idNumber: ID_NUMBER, birthDate: '1980-01-01' });
    await j.page.getByTestId('citizen-name').waitFor();
  };
  const cardAway = async () => {
    await j.dev('DELETE', '/api/dev/card');
    await j.page.getByTestId('home-prompt').waitFor();
  };
  /** 评价 tile → the subjects as the central answered them (the case list is loaded). */
  const openRate = async () => {
    await j.page.getByTestId('tile-rate').click();
    await j.page.locator(`[data-testid="rate-case-${completed.caseNumber}"]`).waitFor();
  };
  const levelNames = async () =>
    Promise.all(
      [1, 2, 3, 4, 5].map(async (l) => (await j.page.getByTestId(`rate-level-${l}`).textContent())!),
    );

  it('takes a number, and the window serves the visit', async () => {
    const { page } = j;
    await page.goto(j.host.url);
    await page.getByTestId('home-prompt').waitFor();
    await placeCard();
    await page.getByTestId('take-number').click();
    await page.getByTestId('category-A').click();
    await page.getByTestId('ticket-number').waitFor();
    const paper = (await j.dev('GET', '/api/dev/printer/paper')).lines as string[];
    ticketQr = paper.find((l) => l.startsWith('[QR] '))!.slice('[QR] '.length);
    const ticketId = ticketQr.slice(ticketQr.lastIndexOf('/') + 1);
    await link.serve(ticketId);
    await cardAway();
  });

  it('rates the served visit by its ticket QR: five levels, the hall window’s indicators', async () => {
    const { page } = j;
    await placeCard();
    await openRate();
    await j.dev('POST', '/api/dev/scan', { text: ticketQr });
    await page.getByTestId('rate-levels').waitFor();
    expect(await page.getByTestId('rate-subject').textContent()).toBe('本次到厅办事');
    expect(await levelNames()).toEqual(
      [1, 2, 3, 4, 5].map((l) => indicators.levels.find((x) => x.level === l)!.name.zh),
    );
    expect(await levelNames()).toContain('非常满意');

    await page.getByTestId('rate-level-5').click();
    // The visit was served at a window: its indicators are the window's, not the machine's.
    expect(await page.getByTestId('rate-channel').textContent()).toContain('窗口');
    for (const i of windowIndicators.positive) {
      expect(await page.getByTestId(`indicator-${i.code}`).textContent()).toBe(i.name.zh);
    }
    expect(await page.getByTestId('indicator-easy-to-use').count()).toBe(0);
    expect(await page.getByTestId(`indicator-${windowIndicators.negative[0]!.code}`).count()).toBe(0);
    await page.getByTestId(`indicator-${windowIndicators.positive[0]!.code}`).click();
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('rated-screen').waitFor();
    expect(await page.getByTestId('rate-follow-up').count()).toBe(0);
    expect(await page.getByTestId('rate-queued').count()).toBe(0);
    await page.getByTestId('journey-home').click();
  });

  it('asks why for a poor rating of a completed case, and says who follows up by when', async () => {
    const { page } = j;
    await openRate();
    await page.getByTestId(`rate-case-${completed.caseNumber}`).click();
    await page.getByTestId('rate-level-2').click();
    expect(await page.getByTestId('rate-levels').textContent()).toContain('请选择不满意的原因');
    for (const i of indicators.negative) {
      expect(await page.getByTestId(`indicator-${i.code}`).textContent()).toBe(i.name.zh);
    }
    // No reason chosen: the rating cannot be sent yet.
    expect(await page.getByTestId('rate-submit').isDisabled()).toBe(true);
    await page.getByTestId(`indicator-${indicators.negative[0]!.code}`).click();
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('rated-screen').waitFor();

    const followUps = await link.api.get('/v1/evaluation-follow-ups', STAFF.manager);
    const [followUp] = followUps.json.followUps as {
      deadline: string;
      level: number;
      callbackRequired: boolean;
    }[];
    expect(followUp).toMatchObject({ level: 2, callbackRequired: true });
    const said = await page.getByTestId('rate-follow-up').textContent();
    expect(said).toContain('大厅管理人员');
    expect(said).toContain(followUp!.deadline);
    await page.getByTestId('journey-home').click();
  });

  it('refuses plainly a second rating of the same case', async () => {
    const { page } = j;
    await openRate();
    await page.getByTestId(`rate-case-${completed.caseNumber}`).click();
    await page.getByTestId('rate-level-4').click();
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('journey-error').waitFor();
    expect(await page.getByTestId('journey-error').textContent()).toBe('这项服务您已经评价过了。');
    expect(await page.getByTestId('rated-screen').count()).toBe(0);
    await page.getByTestId('journey-home').click();
  });

  it('refuses plainly a second rating of the same visit', async () => {
    const { page } = j;
    await openRate();
    await j.dev('POST', '/api/dev/scan', { text: ticketQr });
    await page.getByTestId('rate-levels').waitFor();
    await page.getByTestId('rate-level-5').click();
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('journey-error').waitFor();
    expect(await page.getByTestId('journey-error').textContent()).toBe('这项服务您已经评价过了。');
    await cardAway();
    const logs = j.logger.lines.join('\n');
    expect(logs).toContain('"event":"evaluation.submitted"');
    expect(logs).not.toContain(ID_NUMBER);
    expect(logs).not.toContain(NAME);
  });
});
