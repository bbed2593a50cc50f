import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../domain/id-number';
import { startJourneyHost, type JourneyHost } from '../support/journey-host';

const FIRST17 = '33010619800101123';
const ID_NUMBER = FIRST17 + idCheckCharacter(FIRST17);

describe('appointments: typed ID number → book a slot → check in by scanned code → priority ticket', () => {
  let j: JourneyHost;
  beforeAll(async () => {
    j = await startJourneyHost();
  });
  afterAll(async () => j?.close());

  it('refuses a wrong check character, accepts the right one, masked', async () => {
    const { page } = j;
    await page.goto(j.host.url);
    await page.getByTestId('identify-type').click();
    const wrong = FIRST17 + (ID_NUMBER.endsWith('1') ? '2' : '1');
    for (const ch of wrong) await page.getByTestId(`key-${ch}`).click();
    await page.getByTestId('id-invalid').waitFor();
    expect(await page.getByTestId('id-submit').isDisabled()).toBe(true);
    await page.getByTestId('key-bksp').click();
    await page.getByTestId(`key-${ID_NUMBER.at(-1)}`).click();
    await page.getByTestId('id-submit').click();
    await page.getByTestId('citizen-id').waitFor();
    expect(await page.getByTestId('citizen-id').textContent()).toContain(
      `330106********${ID_NUMBER.slice(-4)}`,
    );
    expect(await page.content()).not.toContain(ID_NUMBER);
    // A typed number may not see fees: no pay tile, and the limits are said plainly.
    expect(await page.getByTestId('tile-pay').count()).toBe(0);
    await page.getByTestId('declared-limits').waitFor();
  });

  it('books 10:00 and checks in with the scanned appointment code', async () => {
    const { page } = j;
    await page.getByTestId('tile-appointments').click();
    await page.getByTestId('appointments-book').click();
    await page.getByTestId('book-category-A').click();
    await page.getByTestId('slot-10:00').click();
    await page.getByTestId('appointment-code').waitFor();
    const code = (await page.getByTestId('appointment-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    await page.getByTestId('appointment-qr').waitFor();
    // The booking slip: the code, its QR code and how to check in; no ID number.
    await page.getByTestId('booking-slip').waitFor();
    const slip = ((await j.dev('GET', '/api/dev/printer/paper')).lines as string[]).join('\n');
    expect(slip).toContain('预约凭证');
    expect(slip).toContain(code);
    expect(slip).toContain('请携带');
    expect(slip).toMatch(new RegExp(`\\[QR\\] appt:${code}\\.[A-Z2-9]{16}`));

    await page.getByTestId('journey-home').click();
    await page.getByTestId('tile-appointments').click();
    await page.getByTestId('appointments-check-in').click();
    await page.getByTestId('check-in-screen').waitFor();
    await j.dev('POST', '/api/dev/scan', { text: `appt:${code}` });
    await page.getByTestId('checked-in-screen').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toMatch(/A\d{3}/);
    const paper = (await j.dev('GET', '/api/dev/printer/paper')).lines as string[];
    expect(paper.join('\n')).not.toContain(ID_NUMBER);
    // The check-in slip says why the number is called early.
    expect(paper.join('\n')).toContain('预约优先');
    expect(j.host.kiosk.outbox.counts()).toMatchObject({ pending: 0, 'in-flight': 0 });
  });

  it('checks in by the booking QR scanned on the home screen, with nobody identified', async () => {
    const { page } = j;
    await page.getByTestId('journey-home').click();
    await page.getByTestId('tile-appointments').click();
    await page.getByTestId('appointments-book').click();
    await page.getByTestId('book-category-B').click();
    await page.getByTestId('slot-10:00').click();
    await page.getByTestId('booking-slip').waitFor();
    const lines = (await j.dev('GET', '/api/dev/printer/paper')).lines as string[];
    const qr = lines
      .filter((l) => l.startsWith('[QR] appt:'))
      .at(-1)!
      .slice('[QR] '.length);
    await page.getByTestId('journey-home').click();
    await page.getByTestId('end-session').click();
    await page.getByTestId('home-prompt').waitFor();

    await j.dev('POST', '/api/dev/scan', { text: qr });
    await page.getByTestId('qr-check-in-screen').waitFor();
    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toMatch(/B\d{3}/);
    expect(await page.getByTestId('appointment-priority').textContent()).toContain('预约优先');
    // Scanned again, the booking is already checked in: refused, and no second ticket is shown.
    await j.dev('POST', '/api/dev/scan', { text: qr });
    await page.getByTestId('error-message').waitFor();
    expect(await page.getByTestId('error-message').textContent()).toContain('这个预约已签到或已取消');
    expect(await page.getByTestId('ticket-number').count()).toBe(0);
  });

  it('keeps personal data out of the logs', () => {
    const logs = j.logger.lines.join('\n');
    expect(logs).toContain('"event":"appointment.checked-in"');
    expect(logs).not.toContain(ID_NUMBER);
  });
});
