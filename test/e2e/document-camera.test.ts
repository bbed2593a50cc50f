import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { idNumber, refOf } from '../../central/cases/test-support';
import { lookupCasesResponseSchema, type CaseView } from '../../central/cases/contract';
import { blackFrame, TEST_FRAME, testPageY4m } from '../../drivers/document-camera/simulator/test-page';
import { encodeY4m } from '../../drivers/document-camera/simulator/y4m';
import { startBrowserHost, type BrowserHost } from '../../electron/backend/browser-host';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { parseConfig } from '../../kiosk-config/load-config';
import { startCentralLink, type CentralLink } from '../support/central-link';
import { launchChromium } from '../support/chromium';
import { devApi, type DevApi } from '../support/dev-api';
import { clockAt } from '../support/journey-host';

const run = promisify(execFile);
/** 职工基本养老保险参保登记: its labour contract (LABOR, a copy) is kept, so it goes on paper or by camera. */
const ITEM = 'QR02001001';
const MATERIAL = 'LABOR';
const QR_TEXT = 'labour-contract-page';

/** Chromium with its fake camera playing `y4m` (and the camera permission granted, as the kiosk shell does). */
const fakeCamera = (y4m: string) => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${y4m}`,
];

/**
 * The document camera (高拍仪) on the materials step: Chromium's fake capture device plays a Y4M
 * of a page with a QR code on a dark plate, the citizen captures two pages, keeps them, submits;
 * the stored page has the camera's resolution (not 640×480) and the QR code reads back from it.
 * Without a camera the step says so and the material goes to the window; a black picture is
 * refused plainly.
 */
describe('the document camera on the materials step', () => {
  let dir: string;
  let link: CentralLink;
  let host: BrowserHost;
  let dev: DevApi;
  const logger = createTestLogger();
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'document-camera-'));
    writeFileSync(join(dir, 'page.y4m'), await testPageY4m({ qrText: QR_TEXT, skewDegrees: 3 }));
    writeFileSync(join(dir, 'black.y4m'), encodeY4m(blackFrame()));
    link = await startCentralLink();
    const config = parseConfig({
      dataDir: join(dir, 'data'),
      browserHost: { port: 0 },
      devices: { idCardReader: { pollIntervalMs: 100 }, qrScanner: {} },
      central: link.kioskCentral,
    });
    host = await startBrowserHost(config, { logger, clock: clockAt('09:05') });
    dev = devApi(host);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await link?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh browser (its camera as given) on the home screen. */
  const openBrowser = async (args: string[]) => {
    await browser?.close();
    browser = await launchChromium(args);
    page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' });
    await page.goto(host.url);
  };

  const casesAtCentral = async (person: number): Promise<CaseView[]> => {
    const r = await link.api.post('/v1/cases/lookup', { citizenRef: refOf(idNumber(person)) });
    return lookupCasesResponseSchema.parse(r.json).cases;
  };

  const step = (name: string) => page.locator(`[data-testid="apply-screen"][data-step="${name}"]`).waitFor();
  const next = () => page.getByTestId('apply-next').click();

  /** A card on the reader, the item chosen, its conditions confirmed: the materials step. */
  const toMaterials = async (person: number) => {
    await dev('DELETE', '/api/dev/card');
    await page.getByTestId('home-prompt').waitFor();
    await dev('POST', '/api/dev/card', {
      name: '王建国',
      idNumber: idNumber(person),
      birthDate: '1986-05-01',
      address: '浙江省杭州市上城区解放路1号',
    });
    await page.getByTestId('citizen-name').waitFor();
    await page.getByTestId('tile-apply').click();
    await page.getByTestId('apply-tab-items').click();
    await page.getByTestId(`apply-item-${ITEM}`).click();
    await step('form');
    const conditions = page.locator('button[data-testid^="apply-condition-"]');
    for (let i = 0; i < (await conditions.count()); i++) await conditions.nth(i).click();
    await next();
    await step('materials');
  };

  const submitAtWindow = async (atReview: () => Promise<void> = async () => {}) => {
    await next();
    await step('pickup');
    await page.getByTestId('apply-delivery-window').click();
    await next();
    await step('review');
    await atReview();
    await page.getByTestId('apply-submit').click();
    await page.locator('[data-testid="apply-receipt"][data-pending="false"]').waitFor({ timeout: 30_000 });
  };

  /** The page as the kiosk stored it (the review thumbnail's source), decoded by zbarimg. */
  const storedPage = async (pageId: string) => {
    // As the backend holds it for this card session; the test holds the host's start secret.
    const res = await fetch(`http://127.0.0.1:${host.port}/api/material-scans/pages/${pageId}/image`, {
      headers: { 'x-kiosk-secret': host.secret },
    });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    const jpeg = Buffer.from(await res.arrayBuffer());
    const meta = await sharp(jpeg).metadata();
    const file = join(dir, `${pageId}.jpg`);
    writeFileSync(file, jpeg);
    const { stdout } = await run('zbarimg', ['--quiet', '--raw', file]);
    return { format: meta.format, width: meta.width, height: meta.height, qr: stdout.trim() };
  };

  /** After the shutter: the page shown back, or the screen's refusal named in the failure. */
  const reviewed = async () => {
    const either = page.locator('[data-testid="camera-review"], [data-testid="camera-error"]');
    await either.first().waitFor({ timeout: 15_000 });
    const error = page.getByTestId('camera-error');
    if ((await error.count()) > 0)
      throw new Error(`capture refused: ${await error.getAttribute('data-reason')}`);
    return page.getByTestId('camera-review');
  };

  const captureAndKeep = async () => {
    await page.locator('[data-testid="camera-capture"][data-camera="ready"][data-busy="false"]').waitFor();
    await page.getByTestId('camera-capture-page').click();
    const review = await reviewed();
    const pageId = (await review.getAttribute('data-page'))!;
    // The citizen sees the page itself shown back, loaded from the kiosk's store.
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="camera-review-image"]') as HTMLImageElement | null)
          ?.naturalWidth,
    );
    const stored = await storedPage(pageId);
    await page.getByTestId('camera-keep').click();
    return stored;
  };

  it('captures two pages at the camera’s resolution, keeps them and sends them with the case', async () => {
    await openBrowser(fakeCamera(join(dir, 'page.y4m')));
    const person = 971;
    await toMaterials(person);
    await page.getByTestId(`apply-scan-${MATERIAL}`).click();

    await page.locator('[data-testid="camera-capture"][data-camera="ready"]').waitFor({ timeout: 15_000 });
    // The track delivers the Y4M's full size: the driver asked for it (Chromium's default is 640×480).
    expect(await page.getByTestId('camera-resolution').textContent()).toContain(
      `${TEST_FRAME.width}×${TEST_FRAME.height}`,
    );

    const first = await captureAndKeep();
    expect(await page.getByTestId('camera-capture').getAttribute('data-still')).toBe(
      `${TEST_FRAME.width}x${TEST_FRAME.height}`,
    );
    // Cropped to the page (72% of the frame's width), far beyond what a 640×480 stream could give.
    expect(first.format).toBe('jpeg');
    expect(first.width).toBeGreaterThan(TEST_FRAME.width * 0.65);
    expect(first.height).toBeGreaterThan(TEST_FRAME.height * 0.6);
    expect(first.qr).toBe(QR_TEXT);

    const second = await captureAndKeep();
    expect(second.qr).toBe(QR_TEXT);
    await page.locator('[data-testid="camera-kept"][data-count="2"]').waitFor();
    await page.getByTestId('camera-done').click();

    await page.locator(`[data-testid="apply-material-${MATERIAL}"][data-scanned="2"]`).waitFor();
    expect(await page.getByTestId(`apply-where-${MATERIAL}`).count()).toBe(0);
    await submitAtWindow(async () => {
      // The review lists the scanned material with its pages, and not among what to bring on paper.
      expect(await page.getByTestId('apply-review-scanned').textContent()).toContain('已拍摄 2 页');
      const paper = page.getByTestId('apply-review-paper');
      if ((await paper.count()) > 0) expect(await paper.textContent()).not.toContain('劳动合同');
    });

    // Both pages reach the central after the case (the outbox uploads them in chunks).
    await vi.waitFor(
      () =>
        expect(logger.lines.filter((l) => l.includes('"event":"material-scans.delivered"'))).toHaveLength(2),
      { timeout: 30_000, interval: 200 },
    );
    const [held] = await casesAtCentral(person);
    expect(held?.materials).toContainEqual(
      expect.objectContaining({
        code: MATERIAL,
        via: 'upload',
        documentRef: expect.stringMatching(/^scan-/) as string,
      }),
    );
  });

  it('retakes a page: the one shown back is removed, not kept', async () => {
    // Same browser and camera: a new citizen.
    await toMaterials(972);
    await page.getByTestId(`apply-scan-${MATERIAL}`).click();
    await page.locator('[data-testid="camera-capture"][data-camera="ready"][data-busy="false"]').waitFor();
    await page.getByTestId('camera-capture-page').click();
    await reviewed();
    await page.getByTestId('camera-retake').click();
    await page.getByTestId('camera-capture-page').waitFor();
    expect(await page.getByTestId('camera-kept').count()).toBe(0);
    await page.getByTestId('camera-cancel').click();
    await page.locator(`[data-testid="apply-material-${MATERIAL}"][data-scanned="0"]`).waitFor();
  });

  it('says plainly that a black picture cannot be captured', async () => {
    await openBrowser(fakeCamera(join(dir, 'black.y4m')));
    await toMaterials(973);
    await page.getByTestId(`apply-scan-${MATERIAL}`).click();
    const status = page.locator('[data-testid="camera-status"][data-state="black-frame"]');
    await status.waitFor({ timeout: 15_000 });
    expect(await status.textContent()).toContain('画面是黑的');
    expect(await page.getByTestId('camera-capture-page').isDisabled()).toBe(true);
    // A black still that slips past the preview (sent anyway) is refused by the backend, and kept nowhere.
    const black = await sharp({ create: { ...TEST_FRAME, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    const refused = await fetch(`http://127.0.0.1:${host.port}/api/material-scans/pages`, {
      method: 'POST',
      headers: { 'x-kiosk-secret': host.secret, 'content-type': 'application/json' },
      body: JSON.stringify({ materialCode: MATERIAL, image: black.toString('base64') }),
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(((await refused.json()) as { error: { reason?: string } }).error.reason).toBe('black-frame');
    const listed = await fetch(`http://127.0.0.1:${host.port}/api/material-scans/pages`, {
      headers: { 'x-kiosk-secret': host.secret },
    });
    expect(((await listed.json()) as { pages: unknown[] }).pages).toEqual([]);
    // The way out is there: the paper goes to the window.
    await page.getByTestId('camera-cancel').click();
    await page.getByTestId(`apply-where-${MATERIAL}`).waitFor();
  });

  it('without a camera, says so and the material goes to the window', async () => {
    await openBrowser([]);
    const person = 974;
    await toMaterials(person);
    const unavailable = page.getByTestId('apply-scan-unavailable');
    await unavailable.waitFor();
    expect(await unavailable.textContent()).toContain('带纸质材料到窗口');
    expect(await page.getByTestId(`apply-scan-${MATERIAL}`).count()).toBe(0);
    await page.getByTestId(`apply-where-${MATERIAL}`).waitFor();
    await submitAtWindow();
    const [held] = await casesAtCentral(person);
    expect(held?.materials).toContainEqual({ code: MATERIAL, via: 'paper' });
  });
});
