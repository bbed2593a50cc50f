import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRequest } from '../cases/test-support';
import { openCentralDatabase } from '../db/database';
import {
  cityManager,
  device,
  enrolKiosk,
  makeCounterApp,
  scWindowStaff,
  windowStaff,
} from '../queue/test-kit';
import { MATERIAL_SCAN_PATHS, MAX_CHUNK_BYTES, type CreateUploadRequest } from './contract';
import { IDLE_UPLOAD_MS } from './routes';
import { MaterialScanStore } from './store';
import { Sealer } from '../cases/sealing';
import type { ManualClock } from '../../domain/clock';

let app: FastifyInstance;
let dbPath: string;
let clock: ManualClock;
let kiosk01: { authorization: string };
let kiosk02: { authorization: string };
let kioskSc: { authorization: string };

beforeAll(async () => {
  ({ app, dbPath, clock } = await makeCounterApp());
  kiosk01 = await enrolKiosk(app, 'KIOSK-01', 'HALL-CITY-01');
  kiosk02 = await enrolKiosk(app, 'KIOSK-02', 'HALL-CITY-01');
  kioskSc = await enrolKiosk(app, 'KIOSK-SC-1', 'HALL-SC-01');
});
afterAll(async () => {
  await app?.close();
});

const ref = () => `scan-${randomBytes(16).toString('hex')}`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pathOf = (template: string, uploadId: string) => template.replace(':uploadId', uploadId);

function uploadRequest(page: Buffer, overrides: Partial<CreateUploadRequest> = {}): CreateUploadRequest {
  return {
    hallId: 'HALL-CITY-01',
    terminalId: 'KIOSK-01',
    documentRef: ref(),
    materialCode: 'SALE',
    pageIndex: 1,
    pageCount: 1,
    totalBytes: page.length,
    sha256: sha(page),
    mediaType: 'image/jpeg',
    width: 2480,
    height: 3508,
    level: 'C',
    capturedAt: '2026-11-25T01:00:00.000Z',
    ...overrides,
  };
}

const create = (body: unknown, headers = kiosk01) =>
  app.inject({ method: 'POST', url: MATERIAL_SCAN_PATHS.uploads, headers, payload: body as object });
const put = (uploadId: string, offset: number, data: Buffer | string, headers = kiosk01) =>
  app.inject({
    method: 'PUT',
    url: pathOf(MATERIAL_SCAN_PATHS.chunks, uploadId),
    headers,
    payload: { offset, data: typeof data === 'string' ? data : data.toString('base64') },
  });
const complete = (uploadId: string, headers = kiosk01) =>
  app.inject({ method: 'POST', url: pathOf(MATERIAL_SCAN_PATHS.complete, uploadId), headers, payload: {} });
const status = (uploadId: string, headers = kiosk01) =>
  app.inject({ method: 'GET', url: pathOf(MATERIAL_SCAN_PATHS.upload, uploadId), headers });

async function uploadWhole(page: Buffer, req: CreateUploadRequest, chunk = 64 * 1024): Promise<string> {
  const made = await create(req);
  expect(made.statusCode).toBe(201);
  const uploadId = made.json().upload.uploadId as string;
  for (let offset = 0; offset < page.length; offset += chunk) {
    expect((await put(uploadId, offset, page.subarray(offset, offset + chunk))).statusCode).toBe(200);
  }
  expect((await complete(uploadId)).statusCode).toBe(200);
  return uploadId;
}

async function submitCase(materials: { code: string; via: string; documentRef?: string }[]): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/cases',
    headers: { ...kiosk01, 'idempotency-key': `case-${randomBytes(8).toString('hex')}` },
    payload: caseRequest({ materials: materials as never }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().case.caseId as string;
}

const casePages = (caseId: string, headers = windowStaff) =>
  app.inject({ method: 'GET', url: MATERIAL_SCAN_PATHS.casePages.replace(':caseId', caseId), headers });

describe('chunked page upload', () => {
  it('takes a page in chunks, resumes at the central’s offset, and checks the hash', async () => {
    const page = randomBytes(150_000);
    const req = uploadRequest(page);
    const made = await create(req);
    expect(made.statusCode).toBe(201);
    const { uploadId, receivedBytes, state } = made.json().upload;
    expect({ receivedBytes, state }).toEqual({ receivedBytes: 0, state: 'receiving' });

    expect((await put(uploadId, 0, page.subarray(0, 60_000))).json().upload.receivedBytes).toBe(60_000);
    // A break: the kiosk asks again, as after a restart, and learns where to go on.
    const again = await create(req);
    expect(again.statusCode).toBe(200);
    expect(again.json().upload).toMatchObject({ uploadId, receivedBytes: 60_000 });
    expect((await status(uploadId)).json().upload.receivedBytes).toBe(60_000);
    // A resend of the chunk already held (its answer was lost) is told the offset, and changes nothing.
    const dup = await put(uploadId, 0, page.subarray(0, 60_000));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'upload-offset-mismatch', receivedBytes: 60_000 });
    expect((await put(uploadId, 60_000, page.subarray(60_000))).json().upload.receivedBytes).toBe(150_000);
    const done = await complete(uploadId);
    expect(done.statusCode).toBe(200);
    expect(done.json().upload).toMatchObject({ state: 'complete', receivedBytes: 150_000 });
    // Creating or completing it again answers it as it is.
    expect((await create(req)).json().upload.state).toBe('complete');
    expect((await complete(uploadId)).statusCode).toBe(200);
    // Sealed at rest: the central's rows hold no stretch of the page, in bytes or in base64.
    const db = openCentralDatabase(dbPath, { seed: false });
    try {
      const rows = db
        .prepare('SELECT sealed FROM material_scan_chunks WHERE upload_id = ?')
        .all(uploadId) as {
        sealed: string;
      }[];
      expect(rows).toHaveLength(2);
      const stored = rows.map((r) => r.sealed).join('');
      expect(stored).not.toContain(page.subarray(999, 1047).toString('base64'));
      expect(Buffer.from(stored).includes(page.subarray(999, 1047))).toBe(false);
    } finally {
      db.close();
    }
  });

  it('refuses a wrong offset, an oversized chunk, an overflow, bad base64 and an unknown upload plainly, losing nothing', async () => {
    const page = randomBytes(MAX_CHUNK_BYTES + 10_000);
    const made = await create(uploadRequest(page));
    const { uploadId } = made.json().upload;
    expect((await put(uploadId, 0, page.subarray(0, 1000))).statusCode).toBe(200);

    const ahead = await put(uploadId, 5000, page.subarray(5000, 6000));
    expect(ahead.statusCode).toBe(409);
    expect(ahead.json().error.receivedBytes).toBe(1000);

    const big = await put(uploadId, 1000, page.subarray(1000, 1000 + MAX_CHUNK_BYTES + 1));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('chunk-too-large');

    const tail = randomBytes(20_000);
    const most = await put(uploadId, 1000, page.subarray(1000, 1000 + MAX_CHUNK_BYTES));
    expect(most.statusCode).toBe(200);
    const held = (await status(uploadId)).json().upload.receivedBytes as number;
    expect(held).toBe(1000 + MAX_CHUNK_BYTES);
    const past = await put(uploadId, held, Buffer.concat([page.subarray(held), tail]));
    expect(past.statusCode).toBe(422);
    expect(past.json().error.code).toBe('upload-overflow');

    expect((await put(uploadId, held, '***not base64***')).statusCode).toBe(400);
    const early = await complete(uploadId);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('upload-incomplete');

    const unknown = `up-${'0'.repeat(32)}`;
    for (const res of [
      await put(unknown, 0, page.subarray(0, 10)),
      await status(unknown),
      await complete(unknown),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('unknown-upload');
    }
    // Through every refusal the bytes held stayed as they were.
    expect((await status(uploadId)).json().upload.receivedBytes).toBe(held);
    const rest = await put(uploadId, held, page.subarray(held));
    expect(rest.json().upload.receivedBytes).toBe(page.length);
    expect((await complete(uploadId)).statusCode).toBe(200);
  });

  it('discards a page whose hash does not match, so the kiosk sends it again from zero', async () => {
    const page = randomBytes(30_000);
    const made = await create(uploadRequest(page, { sha256: sha(Buffer.from('another page')) }));
    const { uploadId } = made.json().upload;
    await put(uploadId, 0, page);
    const bad = await complete(uploadId);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('upload-hash-mismatch');
    expect((await status(uploadId)).json().upload).toMatchObject({ receivedBytes: 0, state: 'receiving' });
    const db = openCentralDatabase(dbPath, { seed: false });
    try {
      const chunks = db
        .prepare('SELECT COUNT(*) AS n FROM material_scan_chunks WHERE upload_id = ?')
        .get(uploadId);
      expect(chunks).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('drops a partial upload left idle for two weeks, and the kiosk starts it again', async () => {
    const page = randomBytes(5000);
    const req = uploadRequest(page);
    const { uploadId } = (await create(req)).json().upload;
    await put(uploadId, 0, page.subarray(0, 2000));
    // The sweep the routes run hourly, on its own connection and at the times it would run.
    const db = openCentralDatabase(dbPath, { seed: false });
    try {
      const store = new MaterialScanStore(db, new Sealer(randomBytes(32)));
      const now = clock.now();
      // An hour short of two weeks on, it stays; just past two weeks, it goes.
      expect(store.dropIdle(now + IDLE_UPLOAD_MS - 3_600_000 - IDLE_UPLOAD_MS)).toBe(0);
      expect((await status(uploadId)).json().upload.receivedBytes).toBe(2000);
      expect(store.dropIdle(now + IDLE_UPLOAD_MS + 1 - IDLE_UPLOAD_MS)).toBeGreaterThanOrEqual(1);
    } finally {
      db.close();
    }
    expect((await status(uploadId)).statusCode).toBe(404);
    const again = await create(req);
    expect(again.statusCode).toBe(201);
    expect(again.json().upload.receivedBytes).toBe(0);
  });

  it('refuses the same page created with another hash, and a malformed creation', async () => {
    const page = randomBytes(1000);
    const req = uploadRequest(page);
    expect((await create(req)).statusCode).toBe(201);
    const other = await create({ ...req, sha256: sha(randomBytes(10)) });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('upload-conflict');
    expect((await create({ ...req, level: 'A' })).statusCode).toBe(400);
    expect((await create({ ...req, pageIndex: 3, pageCount: 2 })).statusCode).toBe(400);
    expect((await create({ ...req, name: '张三' })).statusCode).toBe(400);
  });

  it('confines an upload to its own kiosk and hall', async () => {
    const page = randomBytes(2000);
    const req = uploadRequest(page);
    const { uploadId } = (await create(req)).json().upload;
    // Another kiosk of the same hall, and a kiosk of another hall, can neither see nor add to it.
    for (const other of [kiosk02, kioskSc]) {
      expect((await put(uploadId, 0, page, other)).statusCode).toBe(403);
      expect((await status(uploadId, other)).statusCode).toBe(403);
      expect((await complete(uploadId, other)).statusCode).toBe(403);
    }
    // Nor create pages in another terminal's or hall's name.
    expect((await create({ ...req, terminalId: 'KIOSK-01', documentRef: ref() }, kiosk02)).statusCode).toBe(
      403,
    );
    expect((await create({ ...req, hallId: 'HALL-SC-01', documentRef: ref() })).statusCode).toBe(403);
    // Staff tokens are not kiosks, and no token is no upload.
    expect((await create(req, windowStaff)).statusCode).toBe(403);
    expect((await create(req, { authorization: '' })).statusCode).toBe(401);
    expect((await status(uploadId)).json().upload.receivedBytes).toBe(0);
  });
});

describe('a case’s pages for the window', () => {
  it('joins a case and its pages in either order, level C, the original checked where the catalogue asks', async () => {
    // Pages first, case after.
    const early = ref();
    const pages = [randomBytes(5000), randomBytes(7000)];
    const ids = [];
    for (const [i, page] of pages.entries()) {
      ids.push(
        await uploadWhole(page, uploadRequest(page, { documentRef: early, pageIndex: i + 1, pageCount: 2 })),
      );
    }
    const caseA = await submitCase([
      { code: 'SALE', via: 'upload', documentRef: early },
      { code: 'MARITAL', via: 'commitment' },
    ]);
    const listA = await casePages(caseA);
    expect(listA.statusCode).toBe(200);
    expect(
      listA
        .json()
        .pages.map((p: { pageIndex: number; level: string; complete: boolean }) => [
          p.pageIndex,
          p.level,
          p.complete,
        ]),
    ).toEqual([
      [1, 'C', true],
      [2, 'C', true],
    ]);
    expect(listA.json().incomplete).toEqual([]);
    // 房屋买卖合同 is kept as an original: a camera page is a copy, so the window checks the paper.
    expect(listA.json().pages[0].checkOriginal).toBe(true);
    const image = await app.inject({
      method: 'GET',
      url: MATERIAL_SCAN_PATHS.casePage.replace(':caseId', caseA).replace(':uploadId', ids[1]!),
      headers: windowStaff,
    });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.rawPayload.equals(pages[1]!)).toBe(true);

    // Case first, pages after: the case lists the material as incomplete until they arrive.
    const late = ref();
    const caseB = await submitCase([
      { code: 'SALE', via: 'upload', documentRef: late },
      { code: 'MARITAL', via: 'commitment' },
    ]);
    expect((await casePages(caseB)).json()).toMatchObject({
      pages: [],
      incomplete: [{ materialCode: 'SALE', documentRef: late }],
    });
    const page = randomBytes(3000);
    await uploadWhole(page, uploadRequest(page, { documentRef: late }));
    expect((await casePages(caseB)).json()).toMatchObject({
      pages: [{ pageIndex: 1, complete: true }],
      incomplete: [],
    });
  });

  it('shows only pages the case’s own kiosk sent, and only to staff of the case’s hall', async () => {
    const shared = ref();
    const page = randomBytes(2000);
    // KIOSK-02 uploads under a documentRef that a KIOSK-01 case names: not that case's page.
    const made = await create(uploadRequest(page, { terminalId: 'KIOSK-02', documentRef: shared }), kiosk02);
    expect(made.statusCode).toBe(201);
    const foreignId = made.json().upload.uploadId as string;
    await put(foreignId, 0, page, kiosk02);
    await complete(foreignId, kiosk02);
    const caseId = await submitCase([
      { code: 'SALE', via: 'upload', documentRef: shared },
      { code: 'MARITAL', via: 'commitment' },
    ]);
    expect((await casePages(caseId)).json().pages).toEqual([]);
    const foreign = await app.inject({
      method: 'GET',
      url: MATERIAL_SCAN_PATHS.casePage.replace(':caseId', caseId).replace(':uploadId', foreignId),
      headers: windowStaff,
    });
    expect(foreign.statusCode).toBe(404);

    expect((await casePages(caseId, scWindowStaff)).statusCode).toBe(403);
    expect((await casePages(caseId, cityManager)).statusCode).toBe(200);
    expect((await casePages(caseId, device)).statusCode).toBe(403);
    expect((await casePages('CASE-NONE')).statusCode).toBe(404);
  });

  it('refuses a documentRef on a material not sent as an upload', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { ...kiosk01, 'idempotency-key': `case-${randomBytes(8).toString('hex')}` },
      payload: caseRequest({
        materials: [
          { code: 'SALE', via: 'paper', documentRef: ref() },
          { code: 'MARITAL', via: 'commitment' },
        ] as never,
      }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('documentRef');
  });
});
