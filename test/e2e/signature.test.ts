import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { idNumber, refOf, STAFF } from '../../central/cases/test-support';
import { lookupCasesResponseSchema } from '../../central/cases/contract';
import { staffCaseSignatureResponseSchema } from '../../central/cases/signature-contract';
import { checkSignatureImage } from '../../central/cases/signature-image';
import type { CentralLink } from '../support/central-link';
import { drawSignature } from '../support/draw-signature';
import type { JourneyHost } from '../support/journey-host';
import { useLinkedJourney } from '../support/linked-journey';

const NAME = '赵明远';

/**
 * 告知承诺 signed with a finger, in Chromium: the citizen reads the commitment and its version,
 * tries to go on with an empty box and with a dot (both refused in plain words), signs with mouse
 * strokes, and submits. The case reaches the real central with the signature, and the window of
 * the kiosk's hall opens it with the wording, version and time; another hall's window cannot.
 */
describe('signing a commitment on the touchscreen', () => {
  const linked = useLinkedJourney();
  let link: CentralLink;
  let j: JourneyHost;
  beforeAll(() => ({ link, j } = linked));

  const step = (name: string) =>
    j.page.locator(`[data-testid="apply-screen"][data-step="${name}"]`).waitFor();
  const next = () => j.page.getByTestId('apply-next').click();

  it('refuses a blank box and a dot, takes a drawn name, and the window sees it with the case', async () => {
    const person = 631;
    const { page } = j;
    await j.dev('DELETE', '/api/dev/card');
    await page.getByTestId('home-prompt').waitFor();
    await j.dev('POST', '/api/dev/card', {
      name: NAME,
      idNumber: idNumber(person),
      birthDate: '1955-01-01',
      address: '浙江省杭州市上城区解放路1号',
    });
    await page.getByTestId('citizen-name').waitFor();
    await page.getByTestId('elderly-offer-no').click();
    await page.getByTestId('tile-apply').click();
    await page.getByTestId('apply-tab-items').click();
    await page.getByTestId('apply-item-QR01001001').click();
    await step('form');
    const conditions = page.locator('[data-testid^="apply-condition-"]');
    for (let i = 0; i < (await conditions.count()); i++) await conditions.nth(i).click();
    await next();
    await step('materials');
    await next();

    await step('commitments');
    expect(await page.getByTestId('apply-commitment-text-MARITAL').textContent()).toMatch(
      /^本人承诺：婚姻状况证明所述情况真实、有效。/,
    );
    expect(await page.getByTestId('apply-commitment-version').textContent()).toBe('承诺书版本：GZCN-2026.1');
    expect(await page.getByTestId('apply-next').isDisabled()).toBe(true);

    // Nothing drawn: refused on the screen.
    await page.getByTestId('apply-signature-confirm').click();
    const refused = page.getByTestId('apply-signature-refused');
    expect(await refused.getAttribute('data-reason')).toBe('blank');
    expect(await refused.textContent()).toBe('方框内还没有签名，请用手指写下您的姓名。');
    // Only a dot: refused too.
    await drawSignature(page, 'dot');
    await page.locator('[data-testid="apply-signature-pad"][data-strokes="1"]').waitFor();
    await page.getByTestId('apply-signature-confirm').click();
    expect(await refused.getAttribute('data-reason')).toBe('too-small');
    expect(await page.getByTestId('apply-next').isDisabled()).toBe(true);

    // Cleared, a name drawn with two strokes, confirmed: the backend takes it and stamps the time.
    await page.getByTestId('apply-signature-clear').click();
    await drawSignature(page, 'name');
    await page.locator('[data-testid="apply-signature-pad"][data-strokes="2"]').waitFor();
    await page.getByTestId('apply-signature-confirm').click();
    await page.getByTestId('apply-signature-image').waitFor();
    expect(await page.getByTestId('apply-signature-signed-at').textContent()).toMatch(
      /^已于 \d{4}年\d{1,2}月\d{1,2}日 09:\d{2} 签名$/,
    );
    await page.locator('[data-testid="apply-commitment-MARITAL"][data-state="signed"]').waitFor();
    await next();

    await step('pickup');
    await page.getByTestId('apply-delivery-window').click();
    await next();
    await step('review');
    await page.getByTestId('apply-submit').click();
    await page.locator('[data-testid="apply-receipt"][data-pending="false"]').waitFor();
    const caseNumber = (await page.getByTestId('apply-case-number-QR01001001').textContent())!;
    expect(caseNumber).toMatch(/^BJ\d{14}$/);

    // At the central: the case, and its signature for the window of the kiosk's hall.
    const held = lookupCasesResponseSchema.parse(
      (await link.api.post('/v1/cases/lookup', { citizenRef: refOf(idNumber(person)) })).json,
    ).cases;
    expect(held.map((c) => c.caseNumber)).toEqual([caseNumber]);
    const caseId = held[0]!.caseId;
    const res = await link.api.get(`/v1/staff/cases/${caseId}/signature`, STAFF.window);
    expect(res.status, res.text).toBe(200);
    const { signature } = staffCaseSignatureResponseSchema.parse(res.json);
    expect(signature.commitment).toEqual({
      version: 'GZCN-2026.1',
      materials: ['MARITAL'],
      text: {
        zh: '本人承诺：婚姻状况证明所述情况真实、有效。如有不实，本人愿承担相应法律责任，并同意撤销相关办理结果。',
        en: expect.stringContaining('I promise that what Proof of marital status would show'),
      },
    });
    expect(signature.signedAt).toMatch(/^\d{4}-\d{2}-\d{2}T01:\d{2}:\d{2}\.\d{3}Z$/);
    const image = Buffer.from(signature.imagePng, 'base64');
    const meta = await sharp(image).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBeLessThanOrEqual(800);
    expect((await checkSignatureImage(signature.imagePng)).ok).toBe(true);
    // Another hall's window is refused.
    const other = await link.api.get(`/v1/staff/cases/${caseId}/signature`, STAFF.windowSc);
    expect(other.status).toBe(403);

    // The image never reaches a log.
    const middle = signature.imagePng.slice(200, 260);
    expect(j.logger.lines.join('\n')).not.toContain(middle);
    expect(j.logger.lines.join('\n')).toContain('apply.signature-taken');
  });
});
