import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { idCheckCharacter } from '../../../domain/id-number';
import type { PrintDocument } from '../../../drivers/printer/document';
import type { ApplySubmitRequest } from './contract';
import { createTestLogger } from '../logging/logger';
import { openKioskDatabase } from '../store/database';
import { FieldCipher } from '../store/field-cipher';
import { Outbox, type OutboxItem } from '../store/outbox';
import { LocalApplications } from './store';
import { ACK_WAIT_MS, ApplyJourney, type ApplySession } from './service';
import { paperAtWindow } from './material-capture';
import { referenceCatalogue } from './test-support';
import { SHANGCHENG } from '../../../central/catalogue/seed-data';

// Born 1950-01-01: 76 on the hall date, old enough for the senior card (年满60周岁) these tests apply for.
const FIRST17 = '33010619500101123';
const ID_NUMBER = FIRST17 + idCheckCharacter(FIRST17);
const catalogue = referenceCatalogue();

function setup(
  options: { online?: boolean; held?: Record<string, boolean>; catalogue?: typeof catalogue } = {},
) {
  const db = openKioskDatabase(':memory:');
  const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
  const applications = new LocalApplications(db, outbox);
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 1, 0, 0));
  const logger = createTestLogger();
  const printed: PrintDocument[] = [];
  const lookups: string[][] = [];
  const status = { online: options.online ?? true };
  let paper: 'ready' | 'paper-out' = 'ready';
  // The central never answers: the delivery stays in flight for as long as the test likes.
  const deliveries: number[] = [];
  const alerts: { state: string; caseNumber: string | undefined }[] = [];
  const session: ApplySession & { source: ApplySession['source'] } = {
    active: true,
    source: 'card',
    citizenRef: () => 'c'.repeat(64),
    cardApplicant: () => ({
      name: '王小明',
      idNumber: ID_NUMBER,
      address: '浙江省杭州市西湖区文三路100号',
      birthDate: '1950-01-01',
    }),
    // The card stays on the reader throughout (the reader's part is tested in the session's tests).
    confirmCard: async () => ({ ok: true }),
  };
  const journey = new ApplyJourney({
    clock,
    logger,
    session,
    guide: {
      current: () => options.catalogue ?? catalogue,
      status: () => ({ version: 1, fetchedAt: '2026-11-25T00:00:00.000Z', fromCache: false }),
    },
    applications,
    delivery: {
      deliver: (id: number) => {
        deliveries.push(id);
        return new Promise<OutboxItem | undefined>(() => undefined);
      },
      syncStatus: () => ({ online: status.online, lastSuccessAt: null, lastError: null }),
    },
    devices: {
      print: async (doc) => {
        if (paper === 'paper-out') return { ok: false, status: { state: 'paper-out' } };
        printed.push(doc);
        return { ok: true, bytes: 100 };
      },
    },
    central: {
      lookupECertificates: async (body) => {
        lookups.push(body.materialCodes);
        return {
          kind: 'ok',
          status: 200,
          replayed: false,
          body: {
            certificates: body.materialCodes.map((code) => ({
              code,
              name: { zh: code, en: code },
              basis: code,
              found: options.held?.[code] ?? true,
            })),
          },
        };
      },
    },
    hall: { id: 'HALL-CITY-01', name: '市民服务中心', caseFollowUrl: 'https://zwfw.example.gov.cn/case' },
    terminalId: 'KIOSK-01',
    captures: [paperAtWindow({ name: '市民服务中心', categoryName: () => undefined })],
    // The central's regions as the regions slice names them: one street of the city, known.
    postalRegions: { addressOf: (code) => (code === '330106004000' ? '杭州市西湖区西溪街道' : null) },
    staffAlert: (state, caseNumber) => alerts.push({ state, caseNumber }),
  });
  const text = (doc: PrintDocument) =>
    doc.blocks
      .flatMap((b) => (b.kind === 'text' ? [b.text] : b.kind === 'qr' ? [`[QR] ${b.data}`] : []))
      .join('\n');
  return {
    db,
    outbox,
    clock,
    logger,
    journey,
    session,
    status,
    printed,
    lookups,
    deliveries,
    alerts,
    text,
    paperOut: () => (paper = 'paper-out'),
  };
}

const senior: ApplySubmitRequest = {
  selection: { kind: 'item', itemCode: 'GG09005001' },
  conditionsConfirmed: ['GG09005001-0'],
  commitmentsSigned: [],
  paperInstead: [],
  delivery: 'window',
};

/** Lets pending promise callbacks run without moving the clock. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('apply journey', () => {
  it('waits for the acknowledgement no longer than ACK_WAIT_MS while online, then gives the kiosk reference', async () => {
    const t = setup();
    const conditions = (await t.journey.draft(senior.selection)).ok;
    expect(conditions).toBe(true);
    let done = false;
    const result = t.journey.submit(senior).then((r) => ((done = true), r));
    await settle();
    expect(done).toBe(false);
    expect(t.deliveries).toHaveLength(1);
    await t.clock.advance(ACK_WAIT_MS - 1);
    await settle();
    expect(done).toBe(false);
    await t.clock.advance(1);
    const r = await result;
    if (!r.ok) throw new Error(r.code);
    expect(r.value).toMatchObject({
      localRef: 'KIOSK-01-000001',
      offline: false,
      printed: true,
      followUrl: 'https://zwfw.example.gov.cn/case',
      cases: [{ itemCode: 'GG09005001', state: 'queued', caseNumber: null }],
    });
    const paper = t.text(t.printed[0]!);
    expect(paper).toContain('本机登记号 Kiosk ref.: KIOSK-01-000001');
    expect(paper).toContain('申请已保存在本机，正在提交');
    expect(paper).not.toContain(ID_NUMBER);
    expect(paper).not.toContain('王小明');
  });

  it('never waits while offline: the receipt comes at once and says the network is down', async () => {
    const t = setup({ online: false });
    const r = await t.journey.submit(senior);
    if (!r.ok) throw new Error(r.code);
    expect(r.value.offline).toBe(true);
    expect(t.deliveries).toHaveLength(1);
    expect(t.text(t.printed[0]!)).toContain('网络中断，申请已保存在本机，恢复后自动提交');
    // Offline the e-certificates are not asked for: staff fetch them at intake.
    expect(t.lookups).toEqual([]);
    const draft = await t.journey.draft(senior.selection);
    if (!draft.ok) throw new Error(draft.code);
    expect(draft.value.certificates).toBe('unchecked');
  });

  it('asks the central for the e-certificates once per session; one it does not hold becomes paper', async () => {
    const t = setup({ held: { MAR: false } });
    const birth = { kind: 'item', itemCode: 'GG00101001' } as const;
    const draft = await t.journey.draft(birth);
    if (!draft.ok) throw new Error(draft.code);
    expect(draft.value.checklist.map((e) => [e.code, e.status, e.eCertificateMissing])).toEqual([
      ['ID', 'e-certificate-found', false],
      ['MAR', 'paper', true],
      ['KIN', 'dropped', false],
    ]);
    await t.journey.draft(birth);
    expect(t.lookups).toEqual([['ID', 'MAR']]);
    t.journey.reset();
    await t.journey.draft(birth);
    expect(t.lookups).toHaveLength(2);
  });

  it('is for a card with a resident ID number only', async () => {
    const t = setup();
    t.session.source = 'typed';
    expect(await t.journey.draft(senior.selection)).toEqual({
      ok: false,
      code: 'no-session',
      reason: 'needs-card',
    });
    t.session.source = 'card';
    t.session.cardApplicant = () => ({
      name: 'JOHN SMITH',
      idNumber: 'USA310012345678',
      address: '',
      birthDate: '1950-01-01',
    });
    expect(await t.journey.submit(senior)).toEqual({
      ok: false,
      code: 'bad-request',
      reason: 'id-not-accepted',
    });
    expect(t.outbox.counts().pending).toBe(0);
  });

  it('refuses post without an address on the card', async () => {
    const t = setup();
    t.session.cardApplicant = () => ({
      name: '王小明',
      idNumber: ID_NUMBER,
      address: '',
      birthDate: '1950-01-01',
    });
    const draft = await t.journey.draft(senior.selection);
    if (!draft.ok) throw new Error(draft.code);
    expect(draft.value.pickup).toEqual({ options: ['window', 'self-service'], maskedAddress: null });
    const r = await t.journey.submit({ ...senior, delivery: 'post', phone: '13812345678' });
    expect(r).toEqual({ ok: false, code: 'bad-request', reason: 'address-required' });
  });

  it('answers store-unavailable when the disk is full, leaving no half application, and recovers', async () => {
    const t = setup({ online: false });
    const draft = await t.journey.draft({ kind: 'bundle', bundleCode: 'BD-RETIRE' });
    if (!draft.ok) throw new Error(draft.code);
    const bundle: ApplySubmitRequest = {
      selection: draft.value.selection,
      conditionsConfirmed: draft.value.conditions.map((c) => c.id),
      commitmentsSigned: [],
      paperInstead: [],
      delivery: 'window',
    };
    t.db.pragma(`max_page_count = ${Number(t.db.pragma('page_count', { simple: true }))}`);
    let refused: Awaited<ReturnType<typeof t.journey.submit>> | undefined;
    let accepted = 0;
    for (let i = 0; i < 100 && !refused; i++) {
      const r = await t.journey.submit(bundle);
      if (r.ok) accepted += 1;
      else refused = r;
    }
    expect(refused).toMatchObject({ ok: false, code: 'store-unavailable', detail: 'SQLITE_FULL' });
    expect(t.logger.lines.join('\n')).toContain('"event":"store.unavailable"');
    // Whole applications only: three cases and three outbox rows for each one accepted, none printed for the refused.
    const rows = t.db.prepare('SELECT COUNT(*) AS n FROM applications').get() as { n: number };
    expect(rows.n).toBe(accepted * 3);
    expect(t.outbox.counts().pending).toBe(accepted * 3);
    expect(t.printed).toHaveLength(accepted);
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    t.db.pragma('max_page_count = 1073741823');
    expect((await t.journey.submit(bundle)).ok).toBe(true);
  });

  it('keeps the receipt for the screen when the printer is out of paper, and only for this session', async () => {
    const t = setup();
    t.paperOut();
    const submitted = t.journey.submit(senior);
    await settle();
    await t.clock.advance(ACK_WAIT_MS);
    const r = await submitted;
    if (!r.ok) throw new Error(r.code);
    expect(r.value).toMatchObject({ printed: false, printError: 'printer-paper-out' });
    expect(t.alerts).toEqual([{ state: 'paper-out', caseNumber: undefined }]);
    expect(t.journey.receipt(r.value.localRef)).toMatchObject({
      ok: true,
      value: { printError: 'printer-paper-out' },
    });
    t.journey.reset();
    expect(t.journey.receipt(r.value.localRef)).toEqual({ ok: false, code: 'not-found' });
  });

  it('refuses a 78-year-old the old-age allowance (年满80周岁) whatever she confirms, and says why', async () => {
    const t = setup();
    const card = t.session.cardApplicant()!;
    t.session.cardApplicant = () => ({ ...card, birthDate: '1948-06-01' });
    const allowance = { kind: 'item', itemCode: 'JF00203001' } as const;
    const draft = await t.journey.draft(allowance);
    if (!draft.ok) throw new Error(draft.code);
    expect(draft.value.conditions).toEqual([
      expect.objectContaining({
        text: '年满80周岁的本市户籍老年人',
        textEn: 'Registered resident of this city aged 80 or over',
        check: 'card-unmet',
        unmet: { kind: 'min-age', years: 80 },
      }),
    ]);
    const r = await t.journey.submit({
      selection: allowance,
      conditionsConfirmed: draft.value.conditions.map((c) => c.id),
      commitmentsSigned: [],
      paperInstead: [],
      delivery: 'window',
    });
    expect(r).toEqual({ ok: false, code: 'bad-request', reason: 'not-eligible', detail: 'min-age' });
    expect(t.outbox.counts().pending).toBe(0);
    // 本市 is left to her word: at 80 the card proves the age and she confirms the rest.
    t.session.cardApplicant = () => ({ ...card, birthDate: '1946-11-25' });
    const of80 = await t.journey.draft(allowance);
    expect(of80.ok && of80.value.conditions[0]?.check).toBe('confirm');
  });

  it('checks the district of registration against the card’s address for a district’s variant', async () => {
    const t = setup({ online: false, catalogue: referenceCatalogue(SHANGCHENG) });
    const allowance = { kind: 'item', itemCode: 'JF00203001' } as const;
    const card = { ...t.session.cardApplicant()!, birthDate: '1940-05-01' };
    // Registered in 西湖区 (the card's address): not 上城区's allowance.
    t.session.cardApplicant = () => card;
    const elsewhere = await t.journey.draft(allowance);
    if (!elsewhere.ok) throw new Error(elsewhere.code);
    expect(elsewhere.value.conditions[0]).toMatchObject({
      check: 'card-unmet',
      unmet: { kind: 'residence', region: '上城区' },
    });
    // Registered in 上城区 and 86: the card proves the whole condition, nothing to confirm.
    t.session.cardApplicant = () => ({ ...card, address: '浙江省杭州市上城区解放路1号' });
    const here = await t.journey.draft(allowance);
    if (!here.ok) throw new Error(here.code);
    expect(here.value.conditions.map((c) => c.check)).toEqual(['card-met', 'confirm']);
    const r = await t.journey.submit({
      selection: allowance,
      conditionsConfirmed: [here.value.conditions[1]!.id],
      commitmentsSigned: [],
      paperInstead: [],
      delivery: 'window',
    });
    expect(r.ok).toBe(true);
  });

  it('asks a phone for the locker (凭短信取件码) as for the post, and none at the window', async () => {
    const t = setup({ online: false });
    const locker = await t.journey.submit({ ...senior, delivery: 'self-service' });
    expect(locker).toEqual({ ok: false, code: 'bad-request', reason: 'phone-required' });
    const post = await t.journey.submit({ ...senior, delivery: 'post' });
    expect(post).toEqual({ ok: false, code: 'bad-request', reason: 'phone-required' });
    expect(t.outbox.counts().pending).toBe(0);
    expect((await t.journey.submit({ ...senior, delivery: 'self-service', phone: '13812345678' })).ok).toBe(
      true,
    );
    expect((await t.journey.submit(senior)).ok).toBe(true);
  });
});

describe('posting to another address than the card’s', () => {
  const post: ApplySubmitRequest = { ...senior, delivery: 'post', phone: '13812345678' };

  it('names the region from the central’s codes, adds what was typed and the recipient, all sealed', async () => {
    const t = setup({ online: false });
    const r = await t.journey.submit({
      ...post,
      postTo: { regionCode: '330106004000', detail: '文二路108号', recipientName: '张伟' },
    });
    expect(r.ok).toBe(true);
    const [id] = t.outbox.due(t.clock.now() + 1, 10);
    const item = t.outbox.get(id!)!;
    expect(JSON.stringify(item.payload)).not.toContain('文二路');
    expect(JSON.stringify(item.payload)).not.toContain('张伟');
    expect(t.outbox.assemble(item)).toMatchObject({
      delivery: 'post',
      applicant: { postalAddress: '杭州市西湖区西溪街道文二路108号', recipientName: '张伟' },
    });
    expect(t.logger.lines.join('\n')).not.toMatch(/文二路|张伟/);
  });

  it('refuses a region it cannot name, and queues nothing', async () => {
    const t = setup({ online: false });
    const r = await t.journey.submit({
      ...post,
      postTo: { regionCode: '110101000000', detail: '文二路108号' },
    });
    expect(r).toEqual({ ok: false, code: 'bad-request', reason: 'unknown-region' });
    expect(t.outbox.counts().pending).toBe(0);
  });
});
