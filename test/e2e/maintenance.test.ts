import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../domain/id-number';
import { startBrowserHost, type BrowserHost } from '../../electron/backend/browser-host';
import { createLogger } from '../../electron/backend/logging/logger';
import { AuditLog } from '../../electron/backend/maintenance/audit-log';
import { hashPin } from '../../electron/backend/maintenance/pin-hash';
import { previousPathOf } from '../../kiosk-config/config-file';
import { loadConfig } from '../../kiosk-config/load-config';
import { launchChromium } from '../support/chromium';
import { hostApi } from '../support/host-api';

const PIN = '20261125';
const NAME = '欧阳明月';
const ID_FIRST17 = '33010619561203441';
const ID_NUMBER = ID_FIRST17 + idCheckCharacter(ID_FIRST17);

/** Long enough for Chromium and the backend on a slow CI machine; a wait on a condition, not a sleep. */
const UI_TIMEOUT_MS = 15_000;

describe('maintenance mode in Chromium', () => {
  let dir: string;
  let configPath: string;
  let logFile: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  const lines: string[] = [];
  const saved = { config: process.env.KIOSK_CONFIG, log: process.env.KIOSK_LOG_FILE };

  const dev = hostApi(() => host).call;

  /** Holds the top-left corner until the PIN pad shows (the entry needs three seconds). */
  const openPinPad = async () => {
    await page.mouse.move(20, 20);
    await page.mouse.down();
    await page.getByTestId('pin-pad').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.mouse.up();
  };
  const typePin = async (pin: string) => {
    for (const d of pin) await page.getByTestId(`pin-${d}`).click();
    await page.getByTestId('pin-enter').click();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-maint-'));
    configPath = join(dir, 'kiosk.json');
    logFile = join(dir, 'logs', 'kiosk.log');
    writeFileSync(
      configPath,
      JSON.stringify(
        {
          dataDir: join(dir, 'data'),
          store: { keyFile: join(dir, 'keys', 'store.key') },
          browserHost: { port: 0 },
          devices: { idCardReader: { pollIntervalMs: 100 } },
          maintenance: { pinHash: await hashPin(PIN) },
        },
        null,
        2,
      ),
    );
    // As a terminal starts: the backend knows its config file and log file from the environment.
    process.env.KIOSK_CONFIG = configPath;
    process.env.KIOSK_LOG_FILE = logFile;
    const logger = createLogger({
      level: 'debug',
      destination: { write: (line: string) => void lines.push(line) },
      file: { path: logFile },
    });
    host = await startBrowserHost(loadConfig(configPath), { logger });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' });
    await page.goto(host.url);
    await page.getByTestId('home-prompt').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    process.env.KIOSK_CONFIG = saved.config ?? '';
    process.env.KIOSK_LOG_FILE = saved.log ?? '';
    if (saved.config === undefined) delete process.env.KIOSK_CONFIG;
    if (saved.log === undefined) delete process.env.KIOSK_LOG_FILE;
    rmSync(dir, { recursive: true, force: true });
  });

  it('is entered by a long press on the corner and the PIN; its API refuses everyone else', async () => {
    const none = await fetch(`http://127.0.0.1:${host.port}/api/maintenance/config`, {
      headers: { 'x-kiosk-secret': host.secret },
    });
    expect(none.status).toBe(401);
    // A tap is not a long press.
    await page.getByTestId('maintenance-corner').click();
    expect(await page.getByTestId('pin-pad').count()).toBe(0);
    await openPinPad();
    expect(await page.getByTestId('pin-pad').textContent()).toContain('请输入维护密码');
    await typePin(PIN);
    await page.getByTestId('maintenance-screen').waitFor();
    await page.locator('[data-testid="device-idCardReader"][data-state="ready"]').waitFor();
    await page.locator('[data-testid="device-receiptPrinter"][data-state="ready"]').waitFor();
  });

  it('runs the self-tests: status, a test page with Chinese and a QR code, a masked card read', async () => {
    await page.getByTestId('run-self-test').click();
    await page.locator('[data-testid="result-idCardReader"][data-ok="true"]').waitFor();
    await page.locator('[data-testid="result-receiptPrinter"][data-ok="true"]').waitFor();

    await dev('DELETE', '/api/dev/printer/paper');
    await page.getByTestId('run-test-print').click();
    await page.locator('[data-testid="result-print"][data-ok="true"]').waitFor();
    const paper = (await dev('GET', '/api/dev/printer/paper')).lines as string[];
    expect(paper).toContain('中文测试：政务服务自助终端，一窗受理。');
    expect(paper.some((l) => l.startsWith('[QR] KIOSK-SELFTEST:KIOSK-DEV-001'))).toBe(true);
    expect(paper.at(-1)).toBe('[CUT]');
    // Hall time (UTC+8), as every other paper prints it, not a raw UTC ISO string.
    expect(paper.some((l) => /^时间 Time: \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间 UTC\+8）$/.test(l))).toBe(
      true,
    );
    expect(paper.join('\n')).not.toMatch(/T\d{2}:\d{2}:\d{2}\.\d{3}Z/);

    await dev('POST', '/api/dev/card', { name: NAME, idNumber: ID_NUMBER, birthDate: '1956-12-03' });
    await page.getByTestId('run-test-card').click();
    const card = page.locator('[data-testid="result-card"][data-ok="true"]');
    await card.waitFor();
    expect(await card.textContent()).toContain(`欧***，330106********${ID_NUMBER.slice(-4)}`);
    const html = await page.content();
    expect(html).not.toContain(NAME);
    expect(html).not.toContain(ID_NUMBER);
    await dev('DELETE', '/api/dev/card');

    // A printer out of paper, as staff find it: the tab shows it by itself, before any tap.
    await dev('POST', '/api/dev/printer/state', { state: 'paper-out' });
    await page.locator('[data-testid="device-receiptPrinter"][data-state="paper-out"]').waitFor();
    expect(await page.getByTestId('device-state-receiptPrinter').textContent()).toBe('缺纸');
    await page.getByTestId('run-self-test').click();
    const printer = page.locator('[data-testid="result-receiptPrinter"][data-ok="false"]');
    await printer.waitFor();
    expect(await printer.textContent()).toContain('缺纸');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/maintenance-printer-paper-out.png' });
    await dev('POST', '/api/dev/printer/state', { state: 'ready' });
    await page.locator('[data-testid="device-receiptPrinter"][data-state="ready"]').waitFor();
    // The Chinese screen is wholly Chinese: tabs, buttons and states in words, not codes.
    const tabs = await page.locator('.maintenance-tabs').textContent();
    expect(tabs).toBe('设备配置待发队列同步日志网络系统');
    expect(await page.getByTestId('device-list').textContent()).not.toMatch(/ready|paper-out|receiptPrinter/);
  });

  it('refuses a config edit with a bad value, shows the diff of a good one, applies and rolls back', async () => {
    const original = readFileSync(configPath, 'utf8');
    await page.getByTestId('tab-config').click();
    const editor = page.getByTestId('config-editor');
    await expect.poll(() => editor.inputValue()).toContain('"dataDir"');
    const shown = JSON.parse(await editor.inputValue()) as Record<string, Record<string, unknown>>;
    expect(JSON.stringify(shown)).not.toContain('scrypt$');

    await editor.fill(
      JSON.stringify(
        { ...shown, devices: { ...shown.devices, receiptPrinter: { paperWidthMm: 70 } } },
        null,
        2,
      ),
    );
    await page.getByTestId('config-check').click();
    const invalid = page.getByTestId('config-invalid');
    await invalid.waitFor();
    expect(await invalid.textContent()).toContain(
      'devices.receiptPrinter.paperWidthMm: got 70, expected a paper width of 58 or 80 (mm)',
    );
    expect(await page.getByTestId('config-apply').isDisabled()).toBe(true);
    expect(readFileSync(configPath, 'utf8')).toBe(original);

    await editor.fill(JSON.stringify({ ...shown, terminalId: 'KIOSK-SC-017' }, null, 2));
    await page.getByTestId('config-check').click();
    const diff = page.getByTestId('config-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toContain('terminalId');
    expect(await diff.textContent()).toContain('"KIOSK-SC-017"');
    await page.getByTestId('config-apply').click();
    await page.getByTestId('config-saved').waitFor();
    const written = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(written.terminalId).toBe('KIOSK-SC-017');
    expect(written.maintenance!.pinHash).toMatch(/^scrypt\$/);
    expect(readFileSync(previousPathOf(configPath), 'utf8')).toBe(original);

    await page.getByTestId('config-rollback').click();
    await expect
      .poll(() => (JSON.parse(readFileSync(configPath, 'utf8')) as { terminalId?: string }).terminalId)
      .toBeUndefined();
  });

  it('retries a dead letter, which the central then accepts', async () => {
    const { kiosk } = host;
    const now = Date.now();
    // A ticket request the central refused earlier (say, while its hall was misconfigured): a
    // dead letter now, and fine to send again after the cause was fixed.
    const { ticketId, outboxId } = kiosk.tickets.request(
      {
        hallId: kiosk.config.hall.id,
        category: 'A',
        terminalId: kiosk.config.terminalId,
        citizenRef: 'ab'.repeat(32),
        priority: 'normal',
      },
      now,
    );
    kiosk.outbox.reject(outboxId, 'HTTP 422 unknown-hall: No hall', null, now);
    expect(kiosk.outbox.get(outboxId)?.state).toBe('rejected');

    await page.getByTestId('tab-outbox').click();
    await page.locator('[data-testid="dead-letter-count"][data-count="1"]').waitFor();
    expect(await page.getByTestId(`dead-letter-${outboxId}`).textContent()).toContain('unknown-hall');
    expect(Number(await page.getByTestId('depth-chart').getAttribute('data-points'))).toBeGreaterThan(0);
    await page.getByTestId(`retry-${outboxId}`).click();
    await page.locator('[data-testid="dead-letter-count"][data-count="0"]').waitFor();
    expect(kiosk.outbox.get(outboxId)?.state).toBe('acknowledged');
    expect(kiosk.tickets.get(ticketId)?.number).toMatch(/^A\d{3}$/);
  });

  it("lists a central's refusal apart, without Retry, and discards a dead letter with a typed reason", async () => {
    const { kiosk } = host;
    const now = Date.now();
    const request = {
      hallId: kiosk.config.hall.id,
      category: 'A',
      terminalId: kiosk.config.terminalId,
      citizenRef: 'cd'.repeat(32),
      priority: 'normal' as const,
    };
    const refused = kiosk.tickets.request(request, now);
    kiosk.outbox.reject(refused.outboxId, 'HTTP 409 active-ticket-exists: A012 held', null, now, 'refused');
    const dead = kiosk.tickets.request({ ...request, citizenRef: 'ef'.repeat(32) }, now);
    kiosk.outbox.reject(dead.outboxId, 'HTTP 400 bad-request: body does not parse', null, now);

    await page.getByTestId('tab-sync').click();
    await page.getByTestId('tab-outbox').click();
    await page.locator('[data-testid="dead-letter-count"][data-count="1"]').waitFor();
    await page.locator('[data-testid="refused-count"][data-count="1"]').waitFor();
    expect(await page.getByTestId(`refusal-${refused.outboxId}`).textContent()).toContain(
      'active-ticket-exists',
    );
    expect(await page.getByTestId(`retry-${refused.outboxId}`).count()).toBe(0);
    expect(await page.getByTestId(`discard-${refused.outboxId}`).count()).toBe(0);

    await page.getByTestId(`discard-${dead.outboxId}`).click();
    await page.getByTestId(`discard-confirm-${dead.outboxId}`).click();
    expect(await page.getByTestId(`discard-refused-${dead.outboxId}`).textContent()).toBe('请填写作废原因。');
    await page.getByTestId(`discard-reason-${dead.outboxId}`).fill('窗口已人工取号，无需重发');
    await page.getByTestId(`discard-confirm-${dead.outboxId}`).click();
    await page.locator('[data-testid="dead-letter-count"][data-count="0"]').waitFor();
    expect(kiosk.outbox.get(dead.outboxId)).toMatchObject({ settledAs: 'discarded', payload: {} });
    const line = new AuditLog(kiosk.db).list(20).find((e) => e.action === 'POST outbox/:id/discard');
    expect(line).toMatchObject({
      result: 'ok',
      detail: `item ${dead.outboxId} (queue-ticket) discarded: 窗口已人工取号，无需重发`,
    });
  });

  it('shows the sync state with the heartbeat the central accepted, and checks the network', async () => {
    await page.getByTestId('tab-sync').click();
    await page.locator('[data-testid="sync-online"][data-online="true"]').waitFor();
    expect(await page.getByTestId('sync-state').textContent()).toContain('心跳：正常');
    // Hall time, not a raw UTC ISO string.
    expect(await page.getByTestId('sync-state').textContent()).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    await page.getByTestId('tab-network').click();
    await page.getByTestId('network-check').click();
    const result = page.locator('[data-testid="network-result"][data-reachable="true"]');
    await result.waitFor();
    expect(await result.textContent()).toContain('可以连接中心');
  });

  it('searches the log file by event', async () => {
    await page.getByTestId('tab-logs').click();
    await page.getByTestId('log-event').selectOption('outbox.requeued');
    await page.getByTestId('log-search').click();
    await page
      .locator(
        '[data-testid="log-lines"][data-filter="outbox.requeued|all"] li[data-event="outbox.requeued"]',
      )
      .first()
      .waitFor();
    expect(
      await page.locator('[data-testid="log-lines"] li:not([data-event="outbox.requeued"])').count(),
    ).toBe(0);
    expect(existsSync(logFile)).toBe(true);
  });

  it('locks the PIN entry after 5 wrong PINs, even for the right one', async () => {
    await page.getByTestId('maintenance-exit').click();
    await page.getByTestId('maintenance-screen').waitFor({ state: 'detached' });
    await openPinPad();
    for (let left = 4; left >= 1; left--) {
      await typePin('999999');
      await page.locator(`[data-testid="pin-error"][data-code="wrong-pin"]:has-text("${left}")`).waitFor();
    }
    await typePin('999999');
    await page.locator('[data-testid="pin-error"][data-code="locked"]').waitFor();
    await typePin(PIN);
    await page.locator('[data-testid="pin-error"][data-code="locked"]').waitFor();
    expect(await page.getByTestId('maintenance-screen').count()).toBe(0);

    const audit = new AuditLog(host.kiosk.db).list(50);
    const entries = audit.filter((e) => e.action === 'enter').map((e) => e.result);
    expect(entries.slice(0, 6)).toEqual(['refused', 'refused', 'refused', 'refused', 'refused', 'refused']);
    expect(entries.at(-1)).toBe('ok');
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['POST devices/self-test', 'POST config/apply', 'POST outbox/:id/retry']),
    );
    // Nothing personal in the log, not even from the test card read.
    const logs = lines.join('\n') + readFileSync(logFile, 'utf8');
    expect(logs).not.toContain(NAME);
    expect(logs).not.toContain(ID_NUMBER);
  });
});
