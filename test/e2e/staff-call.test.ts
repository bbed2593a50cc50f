import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF, startWithStaff } from '../../central/cases/test-support';
import { TOKEN } from '../../central/test-support';
import {
  DEFAULT_STAFF_CALL_ESCALATE_AFTER_S,
  STAFF_CALL_SWEEP_MS,
} from '../../central/staff-calls/escalation';
import { STAFF_CALL_PATHS } from '../../central/staff-calls/page';
import { clockAt, startJourneyHost, type JourneyHost } from '../support/journey-host';
import { launchChromium } from '../support/chromium';

/** A deadline for a wait on the screen or the page, not a sleep. */
const SHOWN_WITHIN_MS = 10_000;

describe('帮办代办: a citizen calls staff, staff take and close the call', () => {
  let central: Awaited<ReturnType<typeof startWithStaff>>;
  let kiosk: JourneyHost;
  let staffBrowser: Browser;

  beforeAll(async () => {
    central = await startWithStaff();
    kiosk = await startJourneyHost(clockAt('09:05'), {
      central: { mode: 'remote', baseUrl: central.baseUrl, deviceToken: TOKEN },
      hall: { id: 'HALL-CITY-01', name: '市民服务中心', placement: '一楼大厅 3 号机' },
    });
    staffBrowser = await launchChromium();
  });
  afterAll(async () => {
    await staffBrowser?.close();
    await kiosk?.close();
    await central?.close();
  });

  it('reaches the staff page, shows who is coming on the kiosk, and escalates a call nobody takes', async () => {
    // A manager on duty logs in (the fleet page's login) and opens the staff-call page.
    const staff = await staffBrowser.newPage();
    await staff.goto(`${central.baseUrl}${STAFF_CALL_PATHS.page}`);
    await staff.getByLabel('工作人员令牌 Staff token').fill(STAFF.manager);
    await staff.getByRole('button', { name: '登录 Log in' }).click();
    await staff.waitForURL((url) => url.pathname.startsWith('/v1/kiosks/fleet'));
    await staff.goto(`${central.baseUrl}${STAFF_CALL_PATHS.page}`);
    await staff.getByText('实时更新 live').waitFor({ timeout: SHOWN_WITHIN_MS });

    // The citizen taps 呼叫帮办 on the home screen.
    const { page } = kiosk;
    await page.goto(kiosk.host.url);
    await page.getByTestId('call-staff').click();
    const message = page.getByTestId('staff-message');
    await message.getByText('已通知工作人员，请稍候').waitFor({ timeout: SHOWN_WITHIN_MS });
    await page
      .getByTestId('staff-call-waited')
      .getByText(/已等候/)
      .waitFor();

    // The page shows it by itself: where the kiosk stands and the screen, nothing about the citizen.
    const row = staff.locator('#call-rows tr').first();
    await row.getByText('一楼大厅 3 号机').waitFor({ timeout: SHOWN_WITHIN_MS });
    await row.getByText('首页 home').waitFor();
    await row.getByText('待接单 waiting').waitFor();

    // Staff take it: the kiosk's screen says who is on the way.
    await row.getByRole('button', { name: '接单 Take' }).click();
    await message.getByText(/已接单，正在赶来/).waitFor({ timeout: SHOWN_WITHIN_MS });
    await row.getByText(/已接单 taken/).waitFor();

    // Staff close it: the row leaves the page and the kiosk says help is complete.
    await row.getByRole('button', { name: '完成 Close' }).click();
    await message.getByText(/本次帮办已完成/).waitFor({ timeout: SHOWN_WITHIN_MS });
    await staff.locator('#call-rows tr').waitFor({ state: 'detached', timeout: SHOWN_WITHIN_MS });
    await page.getByTestId('staff-message-close').click();

    // A second call nobody takes: on the central's injected clock, it escalates to the duty manager.
    await page.getByTestId('call-staff').click();
    await message.getByText('已通知工作人员，请稍候').waitFor({ timeout: SHOWN_WITHIN_MS });
    const second = staff.locator('#call-rows tr').first();
    await second.getByText('待接单 waiting').waitFor({ timeout: SHOWN_WITHIN_MS });
    await central.clock.advance(DEFAULT_STAFF_CALL_ESCALATE_AFTER_S * 1000 + STAFF_CALL_SWEEP_MS);
    await second.getByText(/已升级至值班主任/).waitFor({ timeout: SHOWN_WITHIN_MS });
    expect(await second.getAttribute('class')).toBe('escalated');
    await message.getByText('已通知值班主任，请稍候').waitFor({ timeout: SHOWN_WITHIN_MS });

    // The citizen cancels: the call leaves the page.
    await page.getByTestId('staff-call-cancel').click();
    await staff.locator('#call-rows tr').waitFor({ state: 'detached', timeout: SHOWN_WITHIN_MS });
    await staff.close();
  });
});
