import Fastify, { type FastifyInstance } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { lookupCasesResponseSchema } from '../../central/cases/contract';
import { openCentralDatabase } from '../../central/db/database';
import { casePagesResponseSchema, MATERIAL_SCAN_PATHS } from '../../central/material-scans/contract';
import { StaffStore } from '../../central/staff/store';
import { idCheckCharacter } from '../../domain/id-number';
import { sampleIdentity } from '../../drivers/id-card-reader/simulated-sdt-device';
import { applyDraftResponseSchema, applyReceiptResponseSchema } from '../../electron/backend/apply/contract';
import { registerApiRoutes } from '../../electron/backend/api/routes';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { createTestLogger, type TestLogger } from '../../electron/backend/logging/logger';
import {
  addPageResponseSchema,
  listPagesResponseSchema,
} from '../../electron/backend/material-scans/contract';
import { placeCardOnReader } from '../../electron/backend/session/test-support';
import { parseConfig } from '../../kiosk-config/load-config';

const CHUNK = 16 * 1024;
const STAFF_TOKEN = 'staff-window-token-scan-test-0001';

let kiosk: Kiosk | undefined;
let app: FastifyInstance | undefined;

/**
 * The network between the kiosk and its embedded central, with breaks on request: `online` false
 * refuses every request before it leaves; `loseAnswerOfChunk` lets that chunk reach the central and
 * then drops the connection, as a link failing mid-upload does.
 */
interface Link {
  online: boolean;
  loseAnswerOfChunk: number | undefined;
  chunkOffsets: number[];
}

async function start(materialScans: Record<string, number> = {}) {
  const link: Link = { online: true, loseAnswerOfChunk: undefined, chunkOffsets: [] };
  let chunks = 0;
  const network = (async (input: URL | RequestInfo, init?: RequestInit) => {
    if (!link.online) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    const url = new URL(String(input instanceof Request ? input.url : input));
    const isChunk = init?.method === 'PUT' && url.pathname.endsWith('/chunks');
    if (isChunk) {
      chunks += 1;
      link.chunkOffsets.push((JSON.parse(String(init.body)) as { offset: number }).offset);
    }
    const answer = await fetch(input, init);
    if (isChunk && chunks === link.loseAnswerOfChunk) {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    }
    return answer;
  }) as typeof fetch;
  const logger = createTestLogger();
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-scans-'));
  kiosk = await startKiosk(parseConfig({ dataDir, materialScans: { chunkBytes: CHUNK, ...materialScans } }), {
    logger,
    fetch: network,
  });
  // A window clerk of the kiosk's hall in the embedded central, to read the case's pages as the window does.
  const centralDb = openCentralDatabase(join(dataDir, 'central.db'), { seed: false });
  new StaffStore(centralDb, () => Date.now()).provision({
    staffId: 'W-SCAN',
    displayName: '扫描窗口',
    role: 'window',
    hallId: kiosk.config.hall.id,
    token: STAFF_TOKEN,
  });
  centralDb.close();
  app = Fastify();
  registerApiRoutes(app, kiosk);
  return { kiosk, app, logger, link };
}

afterEach(async () => {
  await app?.close();
  await kiosk?.close();
  app = undefined;
  kiosk = undefined;
});

function idNumber(n: number): string {
  const first17 = `33010619550101${String(n).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}
const card = (n: number) => ({
  identity: sampleIdentity({
    idNumber: idNumber(n),
    name: '李秀英',
    address: '浙江省杭州市上城区解放路1号',
    birthDate: '1955-01-01',
  }),
  photo: new Uint8Array(),
});

/** A camera still: a light page with lines of print on the camera's dark base plate, as the document camera sees it. */
async function still(seed: number): Promise<string> {
  const lines = Array.from({ length: 40 }, (_, i) => {
    const w = 600 + ((seed * 37 + i * 101) % 700);
    return `<rect x="560" y="${220 + i * 34}" width="${w}" height="12" fill="#333"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2400" height="1800">
    <rect width="100%" height="100%" fill="#202020"/>
    <rect x="500" y="150" width="1400" height="1500" fill="#f4f4f0"/>${lines}</svg>`;
  return (await sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toBuffer()).toString('base64');
}

/** A page of pure grain on the base plate: it compresses so badly that its JPEG is megabytes. */
async function grainyStill(): Promise<string> {
  const [width, height] = [2500, 2000];
  const grain = randomBytes(width * height * 3).map((b) => 100 + (b % 156));
  const page = await sharp(grain, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  const plate = `<svg xmlns="http://www.w3.org/2000/svg" width="2700" height="2200"><rect width="100%" height="100%" fill="#202020"/></svg>`;
  return (
    await sharp(Buffer.from(plate))
      .composite([{ input: page, left: 100, top: 100 }])
      .jpeg({ quality: 95 })
      .toBuffer()
  ).toString('base64');
}

const addPage = (a: FastifyInstance, image: string, materialCode = 'SALE') =>
  a.inject({ method: 'POST', url: '/api/material-scans/pages', payload: { materialCode, image } });

async function casesAtCentral(k: Kiosk, citizenRef: string) {
  const res = await fetch(`${k.centralBaseUrl}/v1/cases/lookup`, {
    method: 'POST',
    headers: { authorization: `Bearer ${k.config.central.deviceToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ citizenRef }),
  });
  return lookupCasesResponseSchema.parse(await res.json()).cases;
}

async function pagesOfCase(k: Kiosk, caseId: string) {
  const res = await fetch(`${k.centralBaseUrl}${MATERIAL_SCAN_PATHS.casePages.replace(':caseId', caseId)}`, {
    headers: { authorization: `Bearer ${STAFF_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return casePagesResponseSchema.parse(await res.json());
}

const uploadItems = (k: Kiosk) =>
  k.db
    .prepare(`SELECT id, state FROM outbox WHERE stream LIKE 'material-scan:%' ORDER BY kiosk_sequence`)
    .all() as { id: number; state: string }[];
const pagesOnKiosk = (k: Kiosk) =>
  k.db.prepare('SELECT state, COUNT(*) AS n FROM material_scan_pages GROUP BY state').all() as {
    state: string;
    n: number;
  }[];

/** Applies for 二手房转移登记, whose 房屋买卖合同 (SALE) cannot be cancelled: the camera takes it. */
async function applyWithScans(a: FastifyInstance, k: Kiosk, pages: string[]) {
  await placeCardOnReader(k, card(7));
  const draftRes = await a.inject({
    method: 'POST',
    url: '/api/apply/draft',
    payload: { selection: { kind: 'item', itemCode: 'QR01001001' } },
  });
  const { draft } = applyDraftResponseSchema.parse(draftRes.json());
  expect(draft.checklist.find((e) => e.code === 'SALE')).toMatchObject({
    status: 'paper',
    capture: 'document-camera',
  });
  const kept = [];
  for (const image of pages) {
    const res = await addPage(a, image);
    expect(res.statusCode, res.body).toBe(200);
    kept.push(addPageResponseSchema.parse(res.json()));
  }
  const submitted = await a.inject({
    method: 'POST',
    url: '/api/apply/submit',
    payload: {
      selection: draft.selection,
      conditionsConfirmed: draft.conditions.map((c) => c.id),
      commitmentsSigned: [],
      // The marital-status commitment handed in on paper: this test is about the scanned contract.
      paperInstead: draft.checklist.filter((e) => e.status === 'commitment').map((e) => e.code),
      delivery: 'window',
    },
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
  return { kept, receipt: applyReceiptResponseSchema.parse(submitted.json()).receipt };
}

function noPagesInLogs(logger: TestLogger, images: string[]) {
  const all = logger.lines.join('\n');
  for (const image of images) expect(all).not.toContain(image.slice(100, 160));
}

// A kiosk with its embedded central per test, and real page processing of multi-megapixel stills.
describe('scanned pages delivered with their case', { timeout: 60_000 }, () => {
  it('uploads a material’s pages in chunks, resumes at the central’s offset after a break, and purges them once acknowledged', async () => {
    const { app, kiosk, logger, link } = await start();
    const images = [await still(1), await still(2)];
    // The third chunk reaches the central, but its answer is lost with the connection.
    link.loseAnswerOfChunk = 3;
    const { kept, receipt } = await applyWithScans(app, kiosk, images);
    expect(kept.map((p) => [p.index, p.level])).toEqual([
      [1, 'C'],
      [2, 'C'],
    ]);
    // The receipt no longer sends the citizen to the window with the scanned contract.
    expect(receipt.paper.map((p) => p.code)).not.toContain('SALE');
    const [caseView] = await casesAtCentral(kiosk, kiosk.session.citizenRef()!);
    const sale = caseView!.materials.find((m) => m.code === 'SALE');
    expect(sale).toMatchObject({ via: 'upload', documentRef: expect.stringMatching(/^scan-[0-9a-f]{32}$/) });

    // Settle the first attempt: it ended with the break after three chunks of the first page.
    await kiosk.delivery.idle();
    const items = uploadItems(kiosk);
    expect(items).toHaveLength(2);
    await kiosk.delivery.deliver(items[0]!.id);
    expect(link.chunkOffsets.slice(0, 3)).toEqual([0, CHUNK, 2 * CHUNK]);
    // The next attempt went on from what the central held (three chunks), not from zero and not
    // from the two the kiosk saw answered.
    const resumedAt = link.chunkOffsets[3];
    expect(resumedAt).toBe(3 * CHUNK);
    expect(logger.events('material-scans.upload-resumed')[0]).toMatchObject({ receivedBytes: 3 * CHUNK });
    for (const item of uploadItems(kiosk)) {
      if (item.state !== 'acknowledged') await kiosk.delivery.deliver(item.id);
    }
    expect(uploadItems(kiosk).map((i) => i.state)).toEqual(['acknowledged', 'acknowledged']);
    // Acknowledged: nothing of the pages is left on the kiosk.
    expect(pagesOnKiosk(kiosk)).toEqual([]);

    // The window sees both pages, level C, complete, byte for byte what the kiosk kept.
    const listed = await pagesOfCase(kiosk, caseView!.caseId);
    expect(listed.incomplete).toEqual([]);
    expect(listed.pages.map((p) => [p.materialCode, p.pageIndex, p.pageCount, p.level, p.complete])).toEqual([
      ['SALE', 1, 2, 'C', true],
      ['SALE', 2, 2, 'C', true],
    ]);
    expect(listed.pages.map((p) => [p.width, p.height])).toEqual(kept.map((p) => [p.width, p.height]));
    const page = await fetch(
      `${kiosk.centralBaseUrl}${MATERIAL_SCAN_PATHS.casePage.replace(':caseId', caseView!.caseId).replace(':uploadId', listed.pages[0]!.uploadId)}`,
      { headers: { authorization: `Bearer ${STAFF_TOKEN}` } },
    );
    const jpeg = Buffer.from(await page.arrayBuffer());
    expect(page.headers.get('content-type')).toBe('image/jpeg');
    expect(jpeg.length).toBe(kept[0]!.bytes);
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
    expect(createHash('sha256').update(jpeg).digest('hex')).toMatch(/^[0-9a-f]{64}$/);
    noPagesInLogs(logger, images);
  });

  it('keeps pages waiting in the outbox while offline, and sends them when the central is back', async () => {
    const { app, kiosk, link } = await start();
    link.online = false;
    const { receipt } = await applyWithScans(app, kiosk, [await still(3)]);
    expect(receipt.offline).toBe(true);
    await kiosk.delivery.idle();
    expect(pagesOnKiosk(kiosk)).toEqual([{ state: 'queued', n: 1 }]);
    expect(uploadItems(kiosk).map((i) => i.state)).toEqual(['pending']);
    // The session ends: a queued page belongs to its case now and stays.
    kiosk.endSession();
    expect(pagesOnKiosk(kiosk)).toEqual([{ state: 'queued', n: 1 }]);

    link.online = true;
    const caseItems = kiosk.db.prepare(`SELECT id FROM outbox WHERE stream LIKE 'case-submit:%'`).all() as {
      id: number;
    }[];
    for (const { id } of caseItems) await kiosk.delivery.deliver(id);
    for (const { id } of uploadItems(kiosk)) await kiosk.delivery.deliver(id);
    expect(uploadItems(kiosk).map((i) => i.state)).toEqual(['acknowledged']);
    expect(pagesOnKiosk(kiosk)).toEqual([]);
  });

  it('purges the pages of a session that ends without submitting, and shows them to no other card', async () => {
    const { app, kiosk } = await start();
    await placeCardOnReader(kiosk, card(7));
    const kept = addPageResponseSchema.parse((await addPage(app, await still(4))).json());
    const image = await app.inject({ url: `/api/material-scans/pages/${kept.pageId}/image` });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.headers['cache-control']).toBe('no-store');
    // Sealed at rest: no stretch of the page's JPEG is anywhere in the store's files.
    const jpeg = image.rawPayload;
    const onDisk = Buffer.concat(
      ['kiosk.db', 'kiosk.db-wal']
        .map((f) => join(kiosk.config.dataDir, f))
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f)),
    );
    // The files read are the ones the page's row is in (its id is stored in clear).
    expect(onDisk.includes(Buffer.from(kept.pageId))).toBe(true);
    for (const at of [1000, Math.floor(jpeg.length / 2), jpeg.length - 200]) {
      expect(onDisk.includes(jpeg.subarray(at, at + 48))).toBe(false);
    }

    await placeCardOnReader(kiosk, card(8));
    const other = await app.inject({ url: `/api/material-scans/pages/${kept.pageId}/image` });
    expect(other.statusCode).toBe(404);
    expect(other.json().error).toMatchObject({ code: 'not-found', reason: 'unknown-page' });
    expect(
      listPagesResponseSchema.parse((await app.inject({ url: '/api/material-scans/pages' })).json()).pages,
    ).toEqual([]);
    expect(pagesOnKiosk(kiosk)).toEqual([]);

    kiosk.endSession();
    const none = await addPage(app, await still(5));
    expect(none.statusCode).toBe(409);
    expect(none.json().error).toMatchObject({ code: 'no-session', reason: 'no-session' });
  });

  it('refuses plainly when the disk budget is full, and keeps what is queued', async () => {
    // An 8 MB budget with room kept for a 4 MB page: a grainy page of about 2.5 MB fills it.
    const { app, kiosk, link } = await start({ diskBudgetMb: 8, maxPageBytes: 4 * 1024 * 1024 });
    link.online = false;
    await applyWithScans(app, kiosk, [await grainyStill()]);
    expect(pagesOnKiosk(kiosk)).toEqual([{ state: 'queued', n: 1 }]);
    const full = await addPage(app, await still(7));
    expect(full.statusCode).toBe(503);
    expect(full.json().error).toMatchObject({ code: 'store-unavailable', reason: 'budget-full' });
    const listed = listPagesResponseSchema.parse(
      (await app.inject({ url: '/api/material-scans/pages' })).json(),
    );
    expect(listed.budget.roomForPage).toBe(false);
    await kiosk.delivery.idle();
    expect(pagesOnKiosk(kiosk)).toEqual([{ state: 'queued', n: 1 }]);
    expect(uploadItems(kiosk).map((i) => i.state)).toEqual(['pending']);
  }, 90_000);

  it('refuses a still that is not an image, and a malformed request, keeping nothing', async () => {
    const { app, kiosk } = await start();
    await placeCardOnReader(kiosk, card(7));
    const garbage = await addPage(app, Buffer.from('this is not a picture of a page').toString('base64'));
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error).toMatchObject({ code: 'bad-request', reason: 'not-an-image' });
    const badCode = await addPage(app, await still(8), 'sale; drop table');
    expect(badCode.statusCode).toBe(400);
    expect(pagesOnKiosk(kiosk)).toEqual([]);
  });
});
