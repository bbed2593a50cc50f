import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { submitCaseRequestSchema } from '../../../central/cases/contract';
import { signaturePng } from '../../../central/cases/signature-test-support';
import { ManualClock } from '../../../domain/clock';
import { idCheckCharacter } from '../../../domain/id-number';
import { SIGNATURE_MAX_PNG_BYTES } from '../../../domain/signature';
import { createTestLogger } from '../logging/logger';
import { openKioskDatabase } from '../store/database';
import { FieldCipher } from '../store/field-cipher';
import { Outbox, type OutboxItem } from '../store/outbox';
import { COMMITMENT_VERSION, commitmentText } from './commitment';
import type { ApplySelection, ApplySubmitRequest } from './contract';
import { paperAtWindow } from './material-capture';
import { ApplyJourney } from './service';
import { SessionSignature, storedSignatureImage } from './signature';
import { LocalApplications } from './store';
import { referenceCatalogue } from './test-support';

const FIRST17 = '33010619500101123';
const ID_NUMBER = FIRST17 + idCheckCharacter(FIRST17);
const catalogue = referenceCatalogue();
// 二手房转移登记: its marital status record (MARITAL) may be replaced by a written commitment.
const SALE: ApplySelection = { kind: 'item', itemCode: 'QR01001001' };
const b64 = (png: Buffer) => png.toString('base64');

function setup(file = ':memory:') {
  const db = openKioskDatabase(file);
  const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
  const applications = new LocalApplications(db, outbox);
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 1, 0, 0));
  const logger = createTestLogger();
  let citizenRef = 'c'.repeat(64);
  const journey = new ApplyJourney({
    clock,
    logger,
    session: {
      active: true,
      source: 'card',
      citizenRef: () => citizenRef,
      cardApplicant: () => ({
        name: '王小明',
        idNumber: ID_NUMBER,
        address: '浙江省杭州市西湖区文三路100号',
        birthDate: '1950-01-01',
      }),
      confirmCard: async () => ({ ok: true }),
    },
    guide: {
      current: () => catalogue,
      status: () => ({ version: 1, fetchedAt: '2026-11-25T00:00:00.000Z', fromCache: false }),
    },
    applications,
    // The central is never reached here: the case stays queued, which is what is examined.
    delivery: {
      deliver: () => new Promise<OutboxItem | undefined>(() => undefined),
      syncStatus: () => ({ online: false, lastSuccessAt: null, lastError: null }),
    },
    devices: { print: async () => ({ ok: true, bytes: 100 }) },
    central: { lookupECertificates: async () => ({ kind: 'retry', reason: 'offline' }) },
    hall: { id: 'HALL-CITY-01', name: '市民服务中心', caseFollowUrl: 'https://zwfw.example.gov.cn/case' },
    terminalId: 'KIOSK-01',
    captures: [paperAtWindow({ name: '市民服务中心', categoryName: () => undefined })],
  });
  const request = async (): Promise<ApplySubmitRequest> => {
    const draft = await journey.draft(SALE);
    if (!draft.ok) throw new Error(`no draft: ${draft.code}`);
    return {
      selection: SALE,
      conditionsConfirmed: draft.value.conditions.filter((c) => c.check === 'confirm').map((c) => c.id),
      commitmentsSigned: ['MARITAL'],
      paperInstead: [],
      delivery: 'window',
    };
  };
  const sign = async (png: Buffer | string, materials = ['MARITAL'], version = COMMITMENT_VERSION) =>
    journey.sign({
      selection: SALE,
      materials,
      version,
      imagePng: typeof png === 'string' ? png : b64(png),
    });
  const queued = () => db.prepare('SELECT id FROM outbox ORDER BY id').all() as { id: number }[];
  return {
    db,
    outbox,
    clock,
    logger,
    journey,
    request,
    sign,
    queued,
    switchCard: (ref: string) => (citizenRef = ref),
  };
}

describe('the stored signature image', () => {
  it('takes a handwritten name, shrunk to a few kilobytes of grey PNG within the central’s limit', async () => {
    // A high-density screen's pad: three times the box's CSS width.
    const drawn = await signaturePng('signed', { width: 1800, height: 600 });
    const stored = await storedSignatureImage(b64(drawn));
    if (!stored.ok) throw new Error(stored.reason);
    const meta = await sharp(stored.png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 800, 267]);
    expect(stored.png.length).toBeLessThan(SIGNATURE_MAX_PNG_BYTES / 4);
  });

  it('refuses a blank pad, a dot, a short tick and what is not an image, each plainly', async () => {
    expect(await storedSignatureImage(b64(await signaturePng('blank')))).toEqual({
      ok: false,
      reason: 'signature-blank',
    });
    expect(await storedSignatureImage(b64(await signaturePng('dot')))).toEqual({
      ok: false,
      reason: 'signature-too-small',
    });
    expect(await storedSignatureImage(b64(await signaturePng('tick')))).toEqual({
      ok: false,
      reason: 'signature-too-small',
    });
    expect(await storedSignatureImage(b64(randomBytes(500)))).toEqual({
      ok: false,
      reason: 'signature-invalid',
    });
  });
});

describe('the signature held for the session', () => {
  it('covers exactly the commitments, selection and citizen it was drawn for, until cleared', () => {
    const held = new SessionSignature();
    const png = Buffer.from('png');
    const marital = { code: 'MARITAL', name: { zh: '婚姻状况证明', en: 'Marital status record' } };
    const record = held.keep('a'.repeat(64), 'item:QR01001001', png, [marital], Date.UTC(2026, 10, 25, 1));
    expect(record).toEqual({
      imagePng: png.toString('base64'),
      signedAt: '2026-11-25T01:00:00.000Z',
      commitment: { version: COMMITMENT_VERSION, text: commitmentText(marital.name), materials: ['MARITAL'] },
    });
    expect(held.covering('a'.repeat(64), 'item:QR01001001', ['MARITAL'])).toBe(record);
    expect(held.covering('b'.repeat(64), 'item:QR01001001', ['MARITAL'])).toBeUndefined();
    expect(held.covering('a'.repeat(64), 'item:GG09005001', ['MARITAL'])).toBeUndefined();
    expect(held.covering('a'.repeat(64), 'item:QR01001001', ['MARITAL', 'SALE'])).toBeUndefined();
    expect(held.covering('a'.repeat(64), 'item:QR01001001', [])).toBeUndefined();
    held.clear();
    expect(held.covering('a'.repeat(64), 'item:QR01001001', ['MARITAL'])).toBeUndefined();
  });
});

describe('signing the commitments in the apply journey', () => {
  it('shows each commitment with the wording signed and its version', async () => {
    const t = setup();
    const draft = await t.journey.draft(SALE);
    if (!draft.ok) throw new Error(draft.code);
    const marital = draft.value.checklist.find((e) => e.code === 'MARITAL')!;
    expect(marital.status).toBe('commitment');
    expect(marital.commitmentText).toEqual(commitmentText(marital.name));
    expect(marital.commitmentText!.zh).toMatch(/^本人承诺：婚姻/);
    expect(draft.value.commitmentVersion).toBe(COMMITMENT_VERSION);
    // Only commitments carry a wording.
    expect(draft.value.checklist.filter((e) => e.commitmentText).map((e) => e.code)).toEqual(['MARITAL']);
  });

  it('refuses a promise without a signature, a blank pad and a dot, and queues nothing', async () => {
    const t = setup();
    const req = await t.request();
    expect(await t.journey.submit(req)).toMatchObject({ ok: false, reason: 'signature-missing' });
    expect(await t.sign(await signaturePng('blank'))).toMatchObject({
      ok: false,
      code: 'bad-request',
      reason: 'signature-blank',
    });
    expect(await t.sign(await signaturePng('dot'))).toMatchObject({
      ok: false,
      reason: 'signature-too-small',
    });
    // A refused drawing holds nothing: the submission is still refused.
    expect(await t.journey.submit(req)).toMatchObject({ ok: false, reason: 'signature-missing' });
    expect(t.queued()).toEqual([]);
    expect(t.logger.lines.join('\n')).toContain('"reason":"signature-blank"');
  });

  it('refuses a signature under another wording version or for what is not a commitment', async () => {
    const t = setup();
    const png = await signaturePng('signed');
    expect(await t.sign(png, ['MARITAL'], 'GZCN-2025.9')).toMatchObject({
      ok: false,
      reason: 'commitment-changed',
    });
    const notCommitment = await t.sign(png, ['SALE']);
    expect(notCommitment).toMatchObject({ ok: false, code: 'bad-request' });
    expect(notCommitment.ok === false && notCommitment.detail).toMatch(/not a commitment/);
  });

  it('seals the signature with the wording, version and kiosk time into the case’s outbox row, never in clear', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-signature-'));
    const t = setup(join(dir, 'kiosk.db'));
    const req = await t.request();
    await t.clock.advance(90_000);
    const signed = await t.sign(await signaturePng('signed', { width: 900, height: 300 }));
    expect(signed).toEqual({
      ok: true,
      value: { signedAt: '2026-11-25T01:01:30.000Z', version: COMMITMENT_VERSION },
    });
    const receipt = await t.journey.submit(req);
    expect(receipt.ok).toBe(true);
    const [row] = t.queued();
    const item = t.outbox.get(row!.id)!;
    expect(JSON.stringify(item.payload)).not.toContain('signature');
    const sent = submitCaseRequestSchema.parse(t.outbox.assemble(item));
    expect(sent.signature).toMatchObject({
      signedAt: '2026-11-25T01:01:30.000Z',
      commitment: {
        version: COMMITMENT_VERSION,
        materials: ['MARITAL'],
        text: commitmentText({ zh: '婚姻状况证明', en: 'Proof of marital status' }),
      },
    });
    const image = sent.signature!.imagePng;
    expect((await sharp(Buffer.from(image, 'base64')).metadata()).width).toBe(800);
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of [join(dir, 'kiosk.db'), join(dir, 'kiosk.db-wal')]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes(Buffer.from(image.slice(0, 64)))).toBe(false);
      expect(bytes.includes(Buffer.from(image, 'base64').subarray(0, 64))).toBe(false);
      expect(bytes.includes(Buffer.from('婚姻状况证明所述情况'))).toBe(false);
    }
    expect(t.logger.lines.join('\n')).not.toContain(image.slice(0, 32));
    // Used once: a second submission would need a signature again.
    expect(await t.journey.submit(req)).toMatchObject({ ok: false, reason: 'signature-missing' });
  });

  it('purges the signature with the applicant once the case is acknowledged and the retention has passed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-signature-'));
    const t = setup(join(dir, 'kiosk.db'));
    const req = await t.request();
    expect((await t.sign(await signaturePng('signed'))).ok).toBe(true);
    expect((await t.journey.submit(req)).ok).toBe(true);
    const [row] = t.queued();
    const image = (t.outbox.openPersonal(row!.id)!.signature as { imagePng: string }).imagePng;
    t.outbox.acknowledge(row!.id, { case: { caseNumber: 'BJ20261125000001' } }, t.clock.now());
    expect(t.outbox.purge(t.clock.now() + 1, 0)).toBe(1);
    expect(t.outbox.openPersonal(row!.id)).toBeUndefined();
    for (const file of [join(dir, 'kiosk.db'), join(dir, 'kiosk.db-wal')]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes(Buffer.from(image.slice(0, 64)))).toBe(false);
    }
  });

  it('never lets a signature drawn for one citizen or selection go with another, or outlive the session', async () => {
    const t = setup();
    const req = await t.request();
    expect((await t.sign(await signaturePng('signed'))).ok).toBe(true);
    // Another card on the reader: the signature on hold is not theirs.
    t.switchCard('d'.repeat(64));
    expect(await t.journey.submit(req)).toMatchObject({ ok: false, reason: 'signature-missing' });
    t.switchCard('c'.repeat(64));
    t.journey.reset();
    expect(await t.journey.submit(req)).toMatchObject({ ok: false, reason: 'signature-missing' });
    expect(t.queued()).toEqual([]);
  });
});
