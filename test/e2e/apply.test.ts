import { beforeAll, describe, expect, it } from 'vitest';
import { idNumber, refOf } from '../../central/cases/test-support';
import { lookupCasesResponseSchema, type CaseView } from '../../central/cases/contract';
import type { ApplyDelivery } from '../../electron/backend/apply/contract';
import type { CentralLink } from '../support/central-link';
import { signCommitments } from '../support/draw-signature';
import type { JourneyHost } from '../support/journey-host';
import { useLinkedJourney } from '../support/linked-journey';

const NAME = '李秀英';
const PHONE = '13812345678';

/**
 * Apply: card → choose → form prefilled from the card → checklist (e-certificates
 * looked up, paper listed with where) → commitment signed on screen → pickup → review → submit →
 * receipt on screen and paper. Also a life-event bundle, the central unreachable at submission,
 * and the printer out of paper. The kiosk reaches the real central through a link the test cuts.
 */
describe('apply for a service at the kiosk', () => {
  const linked = useLinkedJourney();
  let link: CentralLink;
  let j: JourneyHost;
  beforeAll(() => ({ link, j } = linked));

  /** The central's cases of a person, asked directly (not through the link). */
  const casesAtCentral = async (person: number): Promise<CaseView[]> => {
    const r = await link.api.post('/v1/cases/lookup', { citizenRef: refOf(idNumber(person)) });
    return lookupCasesResponseSchema.parse(r.json).cases;
  };

  const step = (name: string) =>
    j.page.locator(`[data-testid="apply-screen"][data-step="${name}"]`).waitFor();
  const next = () => j.page.getByTestId('apply-next').click();
  const press = async (keys: string) => {
    for (const k of keys) await j.page.getByTestId(`key-${k}`).click();
  };

  /** A new citizen's card on the reader; the home screen greets them; the apply journey opens. */
  const cardAndApply = async (person: number) => {
    await j.dev('DELETE', '/api/dev/card');
    await j.page.getByTestId('home-prompt').waitFor();
    await j.dev('POST', '/api/dev/card', {
      name: NAME,
      idNumber: idNumber(person),
      // 71 on the test date: the card meets the age the senior card (年满60周岁) and retirement ask.
      birthDate: '1955-01-01',
      address: '浙江省杭州市上城区解放路1号',
    });
    await j.page.getByTestId('citizen-name').waitFor();
    // A card holder of 60 or more is offered 长辈模式 first; these journeys go on in the full menu.
    await j.page.getByTestId('elderly-offer-no').click();
    await j.page.getByTestId('tile-apply').click();
    await j.page.getByTestId('apply-bundle-BD-RETIRE').waitFor();
  };

  const confirmAllConditions = async () => {
    const conditions = j.page.locator('[data-testid^="apply-condition-"]');
    for (let i = 0; i < (await conditions.count()); i++) await conditions.nth(i).click();
  };

  /** From the items tab, one item chosen: its form opens. */
  const chooseItem = async (itemCode: string) => {
    await j.page.getByTestId('apply-tab-items').click();
    await j.page.getByTestId(`apply-item-${itemCode}`).click();
    await step('form');
  };

  /** At pickup: this way of getting the result, on to review, submitted. */
  const pickUpAndSubmit = async (delivery: ApplyDelivery) => {
    await step('pickup');
    await j.page.getByTestId(`apply-delivery-${delivery}`).click();
    await next();
    await step('review');
    await j.page.getByTestId('apply-submit').click();
  };

  const paper = async () => ((await j.dev('GET', '/api/dev/printer/paper')).lines as string[]).join('\n');

  it('applies for one item with a card: prefilled, e-certificate found, commitment signed, posted', async () => {
    const person = 601;
    const { page } = j;
    await j.dev('DELETE', '/api/dev/printer/paper');
    await cardAndApply(person);
    await chooseItem('QR01001001');
    expect(await page.getByTestId('apply-field-name').textContent()).toBe('李**');
    expect(await page.getByTestId('apply-field-idNumber').textContent()).toBe(
      `330106********${idNumber(person).slice(-4)}`,
    );
    await confirmAllConditions();
    await press(PHONE);
    await next();

    await step('materials');
    expect(await page.getByTestId('apply-material-ID').getAttribute('data-status')).toBe(
      'e-certificate-found',
    );
    expect(await page.getByTestId('apply-material-TAXPAID').getAttribute('data-status')).toBe(
      'online-verification',
    );
    expect(await page.getByTestId('apply-material-SALE').getAttribute('data-status')).toBe('paper');
    expect(await page.getByTestId('apply-where-SALE').textContent()).toContain('取 B 类号（不动产登记）');
    expect(await page.getByTestId('apply-material-MARITAL').getAttribute('data-status')).toBe('commitment');
    await next();

    await step('commitments');
    await signCommitments(page);
    await page.locator('[data-testid="apply-commitment-MARITAL"][data-state="signed"]').waitFor();
    await next();

    await step('pickup');
    await page.getByTestId('apply-delivery-post').click();
    expect(await page.getByTestId('apply-address').textContent()).toBe('浙江省杭州市上城区解放路**');
    await press('3');
    await page.getByTestId('apply-address-word-幢').click();
    await next();

    await step('review');
    expect(await page.getByTestId('apply-review-phone').textContent()).toBe('138****5678');
    await page.getByTestId('apply-submit').click();

    await page.locator('[data-testid="apply-receipt"][data-pending="false"][data-printed="true"]').waitFor();
    const caseNumber = (await page.getByTestId('apply-case-number-QR01001001').textContent())!;
    expect(caseNumber).toMatch(/^BJ\d{14}$/);
    await page.getByTestId('apply-receipt-qr').waitFor();
    const printed = await paper();
    expect(printed).toContain(`办件号 Case No.: ${caseNumber}`);
    expect(printed).toContain(`[QR] https://zwfw.example.gov.cn/case?case=${caseNumber}`);
    expect(printed).toContain('申请人 Applicant: 李**');

    const held = await casesAtCentral(person);
    expect(held.map((c) => [c.caseNumber, c.delivery, c.applicantMaskedName])).toEqual([
      [caseNumber, 'post', '李**'],
    ]);
    expect(held[0]!.materials).toContainEqual({ code: 'MARITAL', via: 'commitment' });

    const html = await page.content();
    for (const secret of [idNumber(person), NAME, PHONE, '解放路']) {
      expect(html, secret).not.toContain(secret);
      expect(printed, secret).not.toContain(secret);
      expect(j.logger.lines.join('\n'), secret).not.toContain(secret);
    }
  });

  it('applies for a life event: one merged checklist, one case per item, linked at the central', async () => {
    const person = 602;
    const { page } = j;
    await cardAndApply(person);
    await page.getByTestId('apply-bundle-BD-RETIRE').click();
    await step('form');
    await confirmAllConditions();
    await next();

    await step('materials');
    // ID is needed by all three items and listed once; RETIREAGE is paper for two of them.
    expect(await page.locator('[data-testid="apply-material-ID"]').count()).toBe(1);
    expect(await page.getByTestId('apply-material-RETIREAGE').getAttribute('data-status')).toBe('paper');
    expect(await page.getByTestId('apply-material-RETIREAGE').textContent()).toContain('职工退休申请');
    await next();

    await pickUpAndSubmit('window');
    await page.locator('[data-testid="apply-receipt"][data-pending="false"]').waitFor();
    for (const item of ['QR02005001', 'JF03004001', 'GG09005001']) {
      expect(await page.getByTestId(`apply-case-number-${item}`).textContent()).toMatch(/^BJ\d{14}$/);
    }
    const held = await casesAtCentral(person);
    expect(held).toHaveLength(3);
    expect(new Set(held.map((c) => c.bundle?.bundleRef)).size).toBe(1);
    expect(held.every((c) => c.bundle?.bundleCode === 'BD-RETIRE')).toBe(true);
  });

  it('accepts an application while the central is unreachable, says so, and delivers it once when back', async () => {
    const person = 603;
    const { page } = j;
    await j.dev('DELETE', '/api/dev/printer/paper');
    await cardAndApply(person);
    link.cut();
    try {
      await chooseItem('GG09005001');
      await confirmAllConditions();
      await next();
      await step('materials');
      await page.getByTestId('apply-certificates-unchecked').waitFor();
      expect(await page.getByTestId('apply-material-ID').getAttribute('data-status')).toBe(
        'e-certificate-unchecked',
      );
      await next();
      await pickUpAndSubmit('window');
      await page.locator('[data-testid="apply-receipt"][data-pending="true"]').waitFor();
      expect(await page.getByTestId('apply-pending').textContent()).toContain('网络暂时中断');
      const localRef = (await page.getByTestId('apply-case-number-GG09005001').textContent())!;
      expect(localRef).toMatch(/^KIOSK-DEV-001-\d{6}$/);
      expect(await paper()).toContain(`本机登记号 Kiosk ref.: ${localRef}`);
      expect(await casesAtCentral(person)).toEqual([]);
    } finally {
      await link.restore();
    }
    // Back: the outbox delivers it, the screen gets the case number without a touch.
    await page.locator('[data-testid="apply-receipt"][data-pending="false"]').waitFor({ timeout: 30_000 });
    const caseNumber = (await page.getByTestId('apply-case-number-GG09005001').textContent())!;
    expect(caseNumber).toMatch(/^BJ\d{14}$/);
    expect((await casesAtCentral(person)).map((c) => c.caseNumber)).toEqual([caseNumber]);
  });

  it('keeps the case number and QR code on screen when the printer is out of paper', async () => {
    const person = 604;
    const { page } = j;
    await j.dev('DELETE', '/api/dev/printer/paper');
    await j.dev('POST', '/api/dev/printer/state', { state: 'paper-out' });
    try {
      await cardAndApply(person);
      await chooseItem('GG09005001');
      await confirmAllConditions();
      // The locker's pickup code comes by text message: it needs the phone.
      await press(PHONE);
      await next();
      await step('materials');
      await next();
      await pickUpAndSubmit('self-service');
      await page
        .locator('[data-testid="apply-receipt"][data-printed="false"][data-pending="false"]')
        .waitFor();
      await page.getByTestId('apply-not-printed').waitFor();
      expect(await page.getByTestId('apply-case-number-GG09005001').textContent()).toMatch(/^BJ\d{14}$/);
      await page.getByTestId('apply-receipt-qr').waitFor();
      expect(await paper()).toBe('');
      expect(j.logger.lines.join('\n')).toContain('"event":"apply.receipt-print-failed"');
    } finally {
      await j.dev('POST', '/api/dev/printer/state', { state: 'ready' });
    }
  });
});
