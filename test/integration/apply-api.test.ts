import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdsCertificate } from '../../central/certificates/holdings';
import { signaturePng } from '../../central/cases/signature-test-support';
import { lookupCasesResponseSchema } from '../../central/cases/contract';
import { idCheckCharacter } from '../../domain/id-number';
import { sampleIdentity } from '../../drivers/id-card-reader/simulated-sdt-device';
import {
  applyDraftResponseSchema,
  applyOfferResponseSchema,
  applyReceiptResponseSchema,
  type ApplySelection,
  type ApplySubmitRequest,
  type ApplyDraft,
} from '../../electron/backend/apply/contract';
import { registerApiRoutes } from '../../electron/backend/api/routes';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { placeCardOnReader } from '../../electron/backend/session/test-support';
import { parseConfig } from '../../kiosk-config/load-config';

let kiosk: Kiosk | undefined;
let app: FastifyInstance | undefined;

/** The kiosk with the embedded central; `online` false makes every call to the central fail before it is sent. */
async function start() {
  const link = { online: true };
  const partitioned = (async (input: URL, init?: RequestInit) => {
    if (!link.online) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    return fetch(input, init);
  }) as typeof fetch;
  const logger = createTestLogger();
  kiosk = await startKiosk(parseConfig({ dataDir: mkdtempSync(join(tmpdir(), 'kiosk-apply-')) }), {
    logger,
    fetch: partitioned,
  });
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

// Born 1955-01-01 as the number says: 71 on the test date, old enough for the senior items applied for.
const card = (n: number, name = '李秀英', birthDate = '1955-01-01') => ({
  identity: sampleIdentity({
    idNumber: idNumber(n),
    name,
    address: '浙江省杭州市上城区解放路1号',
    birthDate,
  }),
  photo: new Uint8Array(),
});

/** Everything a citizen confirms and signs for a draft, with these choices. */
function complete(draft: ApplyDraft, choices: Partial<ApplySubmitRequest> = {}): ApplySubmitRequest {
  return {
    selection: draft.selection,
    conditionsConfirmed: draft.conditions.map((c) => c.id),
    commitmentsSigned: draft.checklist.filter((e) => e.status === 'commitment').map((e) => e.code),
    paperInstead: [],
    delivery: 'window',
    ...choices,
  };
}

const item = (itemCode: string): ApplySelection => ({ kind: 'item', itemCode });

function postDraft(app: FastifyInstance, selection: ApplySelection) {
  return app.inject({ method: 'POST', url: '/api/apply/draft', payload: { selection } });
}

function postSignature(app: FastifyInstance, draft: ApplyDraft, png: Buffer) {
  return app.inject({
    method: 'POST',
    url: '/api/apply/signature',
    payload: {
      selection: draft.selection,
      materials: draft.checklist.filter((e) => e.status === 'commitment').map((e) => e.code),
      version: draft.commitmentVersion,
      imagePng: png.toString('base64'),
    },
  });
}

/**
 * The draft for a selection, for tests about what comes after it (the session must hold a card);
 * its commitments, if any, signed on the pad as the screen sends it.
 */
async function draftFor(app: FastifyInstance, selection: ApplySelection): Promise<ApplyDraft> {
  const draft = applyDraftResponseSchema.parse((await postDraft(app, selection)).json()).draft;
  if (draft.checklist.some((e) => e.status === 'commitment')) {
    const signed = await postSignature(app, draft, await signaturePng('signed'));
    expect(signed.statusCode, signed.body).toBe(200);
  }
  return draft;
}

function submit(app: FastifyInstance, body: ApplySubmitRequest) {
  return app.inject({ method: 'POST', url: '/api/apply/submit', payload: body });
}

function receiptAt(app: FastifyInstance, localRef: string) {
  return app.inject({ url: `/api/apply/receipts/${localRef}` });
}

async function casesAtCentral(k: Kiosk, citizenRef: string) {
  const res = await fetch(`${k.centralBaseUrl}/v1/cases/lookup`, {
    method: 'POST',
    headers: { authorization: `Bearer ${k.config.central.deviceToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ citizenRef }),
  });
  return lookupCasesResponseSchema.parse(await res.json()).cases;
}

describe('apply /api', () => {
  it('offers only kiosk items and bundles, and is for a card holder only', async () => {
    const { app, kiosk } = await start();
    const offer = applyOfferResponseSchema.parse((await app.inject({ url: '/api/apply/offer' })).json());
    expect(offer.items.map((i) => i.itemCode)).toContain('QR01001001');
    // 74 items are offered on kiosks; two of them are local to a district, not the city hall’s region.
    expect(offer.items).toHaveLength(72);
    expect(offer.bundles.map((b) => b.bundleCode)).toEqual([
      'BD-BIRTH',
      'BD-HOMESALE',
      'BD-BUSINESS',
      'BD-RETIRE',
      'BD-VETERAN',
    ]);
    const none = await postDraft(app, item('GG09005001'));
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('no-session');
    expect(kiosk.session.startDeclared(idNumber(1), 'typed')).toBe(true);
    const typed = await postDraft(app, item('GG09005001'));
    expect(typed.json().error).toEqual({ code: 'no-session', reason: 'needs-card' });
    const bad = await postDraft(app, item('not a code'));
    expect(bad.statusCode).toBe(400);
  });

  it('builds the form from the item, prefilled and masked, with the checklist, the camera and where to hand in paper', async () => {
    const { app, kiosk } = await start();
    await placeCardOnReader(kiosk, card(11));
    const res = await postDraft(app, item('QR01001001'));
    expect(res.statusCode, res.body).toBe(200);
    const { draft } = applyDraftResponseSchema.parse(res.json());
    expect(draft.fields.map((f) => [f.key, f.maskedValue, f.editable])).toEqual([
      ['name', '李**', false],
      ['idNumber', `330106********${idNumber(11).slice(-4)}`, false],
      ['phone', null, true],
    ]);
    expect(draft.conditions.length).toBeGreaterThan(0);
    const ref = kiosk.session.citizenRef()!;
    expect(draft.certificates).toBe('checked');
    const byCode = new Map(draft.checklist.map((e) => [e.code, e]));
    expect(byCode.get('ID')?.status).toBe('e-certificate-found');
    expect(byCode.get('PROP')?.status).toBe(holdsCertificate(ref, 'PROP') ? 'e-certificate-found' : 'paper');
    // A paper material is offered to the document camera first, with the window as the way out.
    expect(byCode.get('SALE')).toMatchObject({
      status: 'paper',
      capture: 'document-camera',
      where: { hallName: '市民服务中心', queueCategory: 'B', categoryName: { zh: '不动产登记' } },
    });
    expect(byCode.get('MARITAL')?.status).toBe('commitment');
    expect(draft.pickup).toEqual({
      options: ['window', 'post', 'self-service'],
      maskedAddress: '浙江省杭州市上城区解放路**',
    });
    expect(res.body).not.toContain(idNumber(11));
    // The street is shown so the citizen can check it; the house number never leaves the backend.
    expect(res.body).not.toContain('解放路1号');
  });

  it('refuses the old-age allowance to a 78-year-old on what her card says, whatever she confirms', async () => {
    const { app, kiosk } = await start();
    await placeCardOnReader(kiosk, card(14, '李秀英', '1948-06-01'));
    const draft = await draftFor(app, item('JF00203001'));
    expect(draft.conditions).toEqual([
      expect.objectContaining({ check: 'card-unmet', unmet: { kind: 'min-age', years: 80 } }),
    ]);
    const res = await submit(app, complete(draft));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'bad-request', reason: 'not-eligible' });
    expect(kiosk.outbox.counts().pending).toBe(0);
  });

  it('refuses a blank or dotted signature and a promise with none, plainly, and queues nothing', async () => {
    const { app, kiosk, logger } = await start();
    await placeCardOnReader(kiosk, card(19));
    const draft = applyDraftResponseSchema.parse((await postDraft(app, item('QR01001001'))).json()).draft;
    expect((await submit(app, complete(draft))).json().error.reason).toBe('signature-missing');
    for (const [kind, reason] of [
      ['blank', 'signature-blank'],
      ['dot', 'signature-too-small'],
    ] as const) {
      const res = await postSignature(app, draft, await signaturePng(kind));
      expect(res.statusCode, kind).toBe(400);
      expect(res.json().error, kind).toMatchObject({ code: 'bad-request', reason });
    }
    expect((await submit(app, complete(draft))).json().error.reason).toBe('signature-missing');
    expect(kiosk.outbox.counts().pending).toBe(0);
    expect(logger.lines.join('\n')).toContain('apply.signature-refused');
  });

  it('refuses an incomplete application plainly and queues nothing', async () => {
    const { app, kiosk } = await start();
    await placeCardOnReader(kiosk, card(12));
    const draft = await draftFor(app, item('QR01001001'));
    const reasons = [
      (await submit(app, complete(draft, { conditionsConfirmed: [] }))).json().error.reason,
      (await submit(app, complete(draft, { commitmentsSigned: [] }))).json().error.reason,
      (await submit(app, complete(draft, { delivery: 'post' }))).json().error.reason,
    ];
    expect(reasons).toEqual(['conditions-unconfirmed', 'commitment-unsigned', 'phone-required']);
    // The locker sends its pickup code by text message: no phone, no locker.
    const locker = await submit(app, complete(draft, { delivery: 'self-service' }));
    expect(locker.json().error.reason).toBe('phone-required');
    const phone = await submit(app, { ...complete(draft), phone: '1234' } as ApplySubmitRequest);
    expect(phone.statusCode).toBe(400);
    expect(phone.json().error.detail).toBe('phone: an 11-digit mobile number starting with 1');
    expect(kiosk.outbox.counts()).toEqual({ pending: 0, 'in-flight': 0, acknowledged: 0, rejected: 0 });
  });

  it('submits by post: one case at the central, the receipt on paper with the case number and QR, masked', async () => {
    const { app, kiosk, logger } = await start();
    await placeCardOnReader(kiosk, card(13));
    const draft = await draftFor(app, item('QR01001001'));
    const res = await submit(
      app,
      complete(draft, { delivery: 'post', phone: '13812345678', addressDetail: '3幢2单元501室' }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const { receipt } = applyReceiptResponseSchema.parse(res.json());
    expect(receipt).toMatchObject({ maskedName: '李**', delivery: 'post', printed: true, offline: false });
    const caseNumber = receipt.cases[0]!.caseNumber!;
    expect(caseNumber).toMatch(/^BJ\d{14}$/);
    expect(receipt.followUrl).toBe(`https://zwfw.example.gov.cn/case?case=${caseNumber}`);
    const paper = kiosk.devices.simulatedPrinter!.paperLines().join('\n');
    expect(paper).toContain(`办件号 Case No.: ${caseNumber}`);
    expect(paper).toContain('李**');
    expect(paper).toContain(`[QR] ${receipt.followUrl}`);
    for (const secret of [idNumber(13), '李秀英', '13812345678', '解放路']) {
      expect(paper).not.toContain(secret);
      expect(res.body).not.toContain(secret);
      expect(logger.lines.join('\n')).not.toContain(secret);
    }
    const held = await casesAtCentral(kiosk, kiosk.session.citizenRef()!);
    expect(held.map((c) => [c.caseNumber, c.delivery])).toEqual([[caseNumber, 'post']]);
    expect(held[0]!.materials).toContainEqual({ code: 'MARITAL', via: 'commitment' });
    expect(held[0]!.materials).toContainEqual({ code: 'SALE', via: 'paper' });
  });

  it('applies for a bundle: one merged checklist, one case per item, linked at the central', async () => {
    const { app, kiosk } = await start();
    await placeCardOnReader(kiosk, card(14));
    const draft = await draftFor(app, { kind: 'bundle', bundleCode: 'BD-RETIRE' });
    expect(draft.items.map((i) => i.itemCode)).toEqual(['QR02005001', 'JF03004001', 'GG09005001']);
    expect(draft.checklist.filter((e) => e.code === 'ID')).toHaveLength(1);
    expect(draft.checklist.find((e) => e.code === 'RETIREAGE')).toMatchObject({
      status: 'paper',
      usedBy: ['QR02005001', 'JF03004001'],
    });
    const res = await submit(app, complete(draft));
    const { receipt } = applyReceiptResponseSchema.parse(res.json());
    expect(receipt.bundleCode).toBe('BD-RETIRE');
    expect(receipt.cases.every((c) => c.state === 'submitted' && c.caseNumber !== null)).toBe(true);
    const held = await casesAtCentral(kiosk, kiosk.session.citizenRef()!);
    expect(held).toHaveLength(3);
    expect(new Set(held.map((c) => c.bundle?.bundleRef)).size).toBe(1);
    expect(held[0]!.bundle?.bundleCode).toBe('BD-RETIRE');
  });

  it('accepts an application offline, says so honestly, and delivers it exactly once when back', async () => {
    const { app, kiosk, link } = await start();
    expect((await app.inject({ url: '/api/apply/offer' })).statusCode).toBe(200);
    await placeCardOnReader(kiosk, card(15));
    link.online = false;
    const draft = await draftFor(app, item('GG00101001'));
    expect(draft.certificates).toBe('unchecked');
    expect(draft.checklist.find((e) => e.code === 'MAR')?.status).toBe('e-certificate-unchecked');
    const res = await submit(app, complete(draft));
    expect(res.statusCode, res.body).toBe(200);
    const { receipt } = applyReceiptResponseSchema.parse(res.json());
    expect(receipt).toMatchObject({
      offline: true,
      printed: true,
      followUrl: 'https://zwfw.example.gov.cn/case',
    });
    expect(receipt.cases).toEqual([expect.objectContaining({ state: 'queued', caseNumber: null })]);
    const paper = kiosk.devices.simulatedPrinter!.paperLines();
    expect(paper).toContain(`本机登记号 Kiosk ref.: ${receipt.localRef}`);
    expect(paper).toContain('网络中断，申请已保存在本机，恢复后自动提交');

    link.online = true;
    expect(await kiosk.delivery.checkConnectivity()).toBe(true);
    await vi.waitFor(() => expect(kiosk.outbox.counts()).toMatchObject({ pending: 0, 'in-flight': 0 }));
    const again = applyReceiptResponseSchema.parse((await receiptAt(app, receipt.localRef)).json()).receipt;
    expect(again.cases[0]).toMatchObject({ state: 'submitted', caseNumber: expect.stringMatching(/^BJ/) });
    expect(again.offline).toBe(false);
    const held = await casesAtCentral(kiosk, kiosk.session.citizenRef()!);
    expect(held.map((c) => c.caseNumber)).toEqual([again.cases[0]!.caseNumber]);
    // Delivered again (a lost answer): still one case.
    const row = kiosk.db.prepare("SELECT id FROM outbox WHERE stream LIKE 'case-submit:%'").get() as {
      id: number;
    };
    kiosk.db.prepare("UPDATE outbox SET state = 'pending' WHERE id = ?").run(row.id);
    await kiosk.delivery.deliver(row.id);
    expect(await casesAtCentral(kiosk, kiosk.session.citizenRef()!)).toHaveLength(1);
  });

  it('keeps the case number and QR on screen when the printer is out of paper, printing nothing', async () => {
    const { app, kiosk, logger } = await start();
    await placeCardOnReader(kiosk, card(16));
    kiosk.devices.simulatedPrinter!.setState('paper-out');
    const draft = await draftFor(app, item('GG09005001'));
    const res = await submit(app, complete(draft));
    const { receipt } = applyReceiptResponseSchema.parse(res.json());
    expect(receipt).toMatchObject({ printed: false, printError: 'printer-paper-out' });
    expect(receipt.cases[0]!.caseNumber).toMatch(/^BJ/);
    expect(kiosk.devices.simulatedPrinter!.paperLines()).toEqual([]);
    expect(logger.lines.join('\n')).toContain('"event":"apply.receipt-print-failed"');
    expect(kiosk.alerts.list()).toEqual([
      expect.objectContaining({
        what: 'receipt-not-printed',
        device: 'receiptPrinter',
        state: 'paper-out',
        number: receipt.cases[0]!.caseNumber,
      }),
    ]);
    const state = (await app.inject({ url: '/api/state' })).json().state;
    expect(state.devices.receiptPrinter.state).toBe('paper-out');

    // The receipt belongs to this session only.
    await placeCardOnReader(kiosk, card(17));
    expect((await receiptAt(app, receipt.localRef)).statusCode).toBe(404);
    kiosk.session.end();
    expect((await receiptAt(app, receipt.localRef)).statusCode).toBe(409);
  });
});
