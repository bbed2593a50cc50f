import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRequest, http } from '../../central/cases/test-support';
import { openCentralDatabase } from '../../central/db/database';
import { startCentral } from '../../central/start';
import { StaffStore } from '../../central/staff/store';
import { TOKEN } from '../../central/test-support';
import { systemClock } from '../../domain/clock';
import { idCheckCharacter } from '../../domain/id-number';
import { startBrowserHost, type BrowserHost } from '../../electron/backend/browser-host';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { parseConfig } from '../../kiosk-config/load-config';
import { launchChromium } from '../support/chromium';
import { hostApi } from '../support/host-api';

const FIRST17 = '33010619800101123';
const ID_NUMBER = FIRST17 + idCheckCharacter(FIRST17);
const NAME = '张三丰';
const MANAGER = 'e2e-progress-manager-token-000001';
/** Live updates reach the open case page within this (issue text: "updated live"; target ≤ 1 s). */
const LIVE_TARGET_MS = 1_000;

/**
 * Progress of my cases end to end: the browser host with simulated devices and the real central acceptance API
 * (started here as a remote central, so the test can take it away): cases of the card holder seeded
 * at the central with a device token, a staff member acting through the staff API, the open case
 * page following live, a result notice on the simulated printer, a printer problem, and offline.
 */
describe('progress of my cases, live, with a result notice', () => {
  let dir: string;
  let central: Awaited<ReturnType<typeof startCentral>>;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  const logger = createTestLogger();
  const dev = hostApi(() => host).call;
  let centralApi: ReturnType<typeof http>;
  const cases: Record<'routed' | 'ready', { caseId: string; caseNumber: string }> = {} as never;

  const staff = async (caseId: string, action: string, body: object = {}) => {
    const r = await centralApi.post(`/v1/staff/cases/${caseId}/${action}`, body, MANAGER);
    expect(r.status, `${action}: ${r.text}`).toBe(200);
  };
  const noIdOnPage = async () => expect(await page.content()).not.toContain(ID_NUMBER);
  /** axe-core on the screen as it is: no serious or critical violation. */
  const accessible = async (where: string) => {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad, where).toEqual([]);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-progress-'));
    const dbPath = join(dir, 'central.db');
    const db = openCentralDatabase(dbPath);
    new StaffStore(db, () => Date.now()).provision({
      staffId: 'M901',
      displayName: '进度测试主任',
      role: 'manager',
      everyHall: true,
      token: MANAGER,
    });
    db.close();
    central = await startCentral({
      dbPath,
      port: 0,
      deviceTokens: [TOKEN],
      clock: systemClock,
      logger: false,
    });
    centralApi = http(central.baseUrl);
    host = await startBrowserHost(
      parseConfig({
        dataDir: join(dir, 'kiosk'),
        browserHost: { port: 0 },
        central: { mode: 'remote', baseUrl: central.baseUrl, deviceToken: TOKEN },
        devices: { idCardReader: { pollIntervalMs: 100 } },
      }),
      { logger },
    );
    browser = await launchChromium();
    // axe needs a page of an explicit context.
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await central?.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the card holder’s cases, newest first, with status in words', async () => {
    await page.goto(host.url);
    await dev('POST', '/api/dev/card', { name: NAME, idNumber: ID_NUMBER });
    await page.getByTestId('citizen-name').waitFor();
    const citizenRef = host.kiosk.session.citizenRef()!;
    const submit = async (key: string) => {
      const body = caseRequest({
        terminalId: host.kiosk.config.terminalId,
        citizenRef,
        applicant: { name: NAME, idNumber: ID_NUMBER, phone: '13800000000' },
      });
      const r = await centralApi.post('/v1/cases', body, TOKEN, { 'idempotency-key': key });
      expect(r.status, r.text).toBe(201);
      return r.json.case as { caseId: string; caseNumber: string };
    };
    // Older: decided and ready at the window. Newer: routed to its department, waiting for a decision.
    cases.ready = await submit('e2e-progress-ready');
    for (const action of ['pre-review-pass', 'take-in', 'approve', 'mark-ready'])
      await staff(cases.ready.caseId, action);
    cases.routed = await submit('e2e-progress-routed');
    for (const action of ['pre-review-pass', 'take-in']) await staff(cases.routed.caseId, action);

    await page.getByTestId('tile-progress').click();
    await page.locator('[data-testid="progress-screen"][data-loaded="true"]').waitFor();
    const rows = page.locator('[data-testid^="progress-row-"]');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual([
      `progress-row-${cases.routed.caseNumber}`,
      `progress-row-${cases.ready.caseNumber}`,
    ]);
    const routedRow = page.getByTestId(`progress-row-${cases.routed.caseNumber}`);
    expect(await routedRow.textContent()).toContain('承办部门审批中');
    expect(await routedRow.textContent()).toMatch(/承诺办结日期：\d{4}-\d{2}-\d{2}/);
    expect(await page.getByTestId(`progress-row-${cases.ready.caseNumber}`).textContent()).toContain(
      '结果可以领取了',
    );
    await noIdOnPage();
    await accessible('case list');
  });

  it('follows a staff decision on the open case page live, without a tap, and says so', async () => {
    await page.getByTestId(`progress-row-${cases.routed.caseNumber}`).click();
    await page.locator('[data-testid="case-status"][data-status="routed"]').waitFor();
    expect(await page.locator('[data-testid="timeline-step"]').first().getAttribute('data-action')).toBe(
      'auto-route',
    );

    const started = performance.now();
    await staff(cases.routed.caseId, 'approve');
    await page.locator('[data-testid="case-status"][data-status="approved"]').waitFor();
    const elapsed = performance.now() - started;
    expect(elapsed, `live update took ${Math.round(elapsed)} ms`).toBeLessThan(LIVE_TARGET_MS);

    const live = page.locator('[data-testid="progress-live"][data-status="approved"]');
    await live.waitFor();
    expect(await live.getAttribute('aria-live')).toBe('polite');
    expect(await live.textContent()).toBe(`办件 ${cases.routed.caseNumber} 有新进展：审批通过`);
    const newest = page.locator('[data-testid="timeline-step"]').first();
    expect(await newest.getAttribute('data-action')).toBe('approve');
    expect(await newest.textContent()).toContain('承办部门');
    await accessible('case page after a live update');
  });

  it('prints the result notice of the decided case: case number, masked name, no ID number', async () => {
    await dev('DELETE', '/api/dev/printer/paper');
    await page.getByTestId('print-notice').click();
    await page.getByTestId('notice-printed').waitFor();
    const paper = ((await dev('GET', '/api/dev/printer/paper')).lines as string[]).join('\n');
    expect(paper).toContain('结果通知单');
    expect(paper).toContain(`办件编号 Case No.: ${cases.routed.caseNumber}`);
    expect(paper).toContain('申请人 Applicant: 张**');
    expect(paper).toContain('准予办理 Approved');
    expect(paper).toContain(`[QR] https://zwfw.example.gov.cn/case?case=${cases.routed.caseNumber}`);
    expect(paper).not.toContain(ID_NUMBER);
    expect(paper).not.toContain(NAME);
  });

  it('with the printer out of paper, says so and shows the notice on screen instead', async () => {
    await dev('POST', '/api/dev/printer/state', { state: 'paper-out' });
    await page.getByTestId('progress-back').click();
    await page.getByTestId(`progress-row-${cases.ready.caseNumber}`).click();
    await page
      .locator(`[data-testid="progress-case"][data-case-number="${cases.ready.caseNumber}"]`)
      .waitFor();
    await page.getByTestId('print-notice').click();
    const alert = page.locator('[data-testid="notice-not-printed"][data-problem="printer-paper-out"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('打印机缺纸');
    expect(await page.getByTestId('notice-case-number').textContent()).toBe(cases.ready.caseNumber);
    expect(await page.getByTestId('notice-name').textContent()).toBe('张**');
    await page.getByTestId('notice-qr').waitFor();
    await noIdOnPage();
    await accessible('notice shown on screen');
    await dev('POST', '/api/dev/printer/state', { state: 'ready' });
  });

  it('offline, shows the copy from earlier in the session as possibly out of date, and a new session plainly needs the network', async () => {
    await central.close();
    await page.getByTestId('journey-home').click();
    await page.getByTestId('tile-progress').click();
    await page.locator('[data-testid="progress-screen"][data-fresh="false"]').waitFor();
    expect(await page.getByTestId('progress-stale').textContent()).toContain('可能不是最新的');
    await page.getByTestId(`progress-row-${cases.routed.caseNumber}`).waitFor();

    // The card leaves and comes back: a new session holds no copy, so it says what is missing.
    await dev('DELETE', '/api/dev/card');
    await page.getByTestId('home-prompt').waitFor();
    await dev('POST', '/api/dev/card', { name: NAME, idNumber: ID_NUMBER });
    await page.getByTestId('tile-progress').click();
    const message = page.getByTestId('progress-error-needs-network');
    await message.waitFor();
    expect(await message.textContent()).toBe(
      '查询办件进度需要网络，现在连不上。请稍后再试，或到服务台查询。',
    );
    expect(await page.locator('[data-testid^="progress-row-"]').count()).toBe(0);
    await noIdOnPage();
  });

  it('keeps the ID number and the name out of the logs', () => {
    const logs = logger.lines.join('\n');
    expect(logs).toContain('"event":"progress.listed"');
    expect(logs).toContain('"event":"progress.live-updated"');
    expect(logs).toContain('"event":"progress.notice-printed"');
    expect(logs).toContain('"event":"progress.notice-print-failed"');
    expect(logs).toContain('"event":"progress.lookup-failed"');
    expect(logs).not.toContain(ID_NUMBER);
    expect(logs).not.toContain(NAME);
    expect(logs).not.toContain(host.kiosk.config.central.citizenRefKey);
  });
});
