import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { kioskConfigSchema } from '../../../kiosk-config/schema';
import { createTestLogger } from '../logging/logger';
import type { IdentitySource } from '../session/citizen-session';
import { openKioskDatabase } from '../store/database';
import { FieldCipher } from '../store/field-cipher';
import { Outbox } from '../store/outbox';
import { materialScanPayloadSchema, MATERIAL_SCAN_KIND } from './outbox';
import { MaterialScanService, MaterialScanSessionError, type ProcessPage } from './service';
import { MaterialScanStore } from './store';

/** A page as processing hands it back: recognisable bytes, so a test can look for them on disk. */
const MARKER = Buffer.from('PAGE-CONTENT-MARKER-房屋买卖合同');
const jpegOf = (bytes: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8]), MARKER, randomBytes(Math.max(0, bytes - MARKER.length - 2))]);

function setup(options: { diskBudgetMb?: number; maxPageBytes?: number; pageBytes?: number } = {}) {
  const db = openKioskDatabase(':memory:');
  const cipher = new FieldCipher(randomBytes(32));
  const outbox = new Outbox(db, cipher);
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 1, 0, 0));
  const session = { active: true, source: 'card' as IdentitySource | undefined, epoch: 1 };
  const delivered: number[] = [];
  let pageBytes = options.pageBytes ?? 100_000;
  let refusal: 'black-frame' | undefined;
  let during: (() => void) | undefined;
  const processPage: ProcessPage = async (input) => {
    during?.();
    if (input.length < 4) return { ok: false, reason: 'not-an-image' };
    if (refusal) return { ok: false, reason: refusal };
    return { ok: true, jpeg: jpegOf(pageBytes), width: 2480, height: 3508 };
  };
  const store = new MaterialScanStore(db, cipher);
  const service = new MaterialScanService({
    db,
    store,
    outbox,
    delivery: { deliver: async (id) => (delivered.push(id), undefined) },
    session,
    clock,
    logger: createTestLogger(),
    settings: {
      diskBudgetMb: options.diskBudgetMb ?? 300,
      maxPageBytes: options.maxPageBytes ?? 1_500_000,
      chunkBytes: 256 * 1024,
    },
    processPage,
    hallId: 'HALL-CITY-01',
    terminalId: 'KIOSK-01',
  });
  return {
    db,
    outbox,
    store,
    service,
    session,
    delivered,
    setPageBytes: (n: number) => (pageBytes = n),
    refuseWith: (r: 'black-frame' | undefined) => (refusal = r),
    whileProcessing: (f: (() => void) | undefined) => (during = f),
    /** Another card: CitizenSession bumps its epoch whenever who is identified changes. */
    nextCard: () => {
      session.epoch += 1;
      service.sessionEnded();
    },
  };
}

const STILL = Buffer.from('a still from the camera').toString('base64');

describe('pages kept for the card session', () => {
  it('keeps a page sealed, numbered within its material, and shows it to its own session', async () => {
    const t = setup();
    const first = await t.service.addPage('SALE', STILL);
    const second = await t.service.addPage('SALE', `data:image/jpeg;base64,${STILL}`);
    const other = await t.service.addPage('PROP', STILL);
    expect(first.ok && second.ok && other.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.value).toMatchObject({
      materialCode: 'SALE',
      index: 1,
      width: 2480,
      height: 3508,
      level: 'C',
    });
    expect(second.value.index).toBe(2);

    // Sealed at rest: the page's bytes are nowhere in the database file's rows in clear.
    const raw = t.db.prepare('SELECT sealed FROM material_scan_pages').all() as { sealed: Buffer }[];
    expect(raw).toHaveLength(3);
    for (const { sealed } of raw) {
      expect(sealed.includes(MARKER)).toBe(false);
      expect(sealed.includes(Buffer.from(MARKER.toString('base64').slice(0, 16)))).toBe(false);
    }
    const image = t.service.pageImage(first.value.pageId);
    expect(image.ok && image.value.includes(MARKER)).toBe(true);

    expect(t.service.removePage(first.value.pageId)).toEqual({ ok: true, value: { removed: true } });
    const listed = t.service.listPages('SALE');
    expect(listed.ok && listed.value.pages.map((p) => [p.pageId, p.index])).toEqual([
      [second.value.pageId, 1],
    ]);
    expect(t.service.removePage(first.value.pageId)).toMatchObject({ ok: false, reason: 'unknown-page' });
  });

  it('refuses without a card session, and says plainly what was wrong with a still', async () => {
    const t = setup();
    t.refuseWith('black-frame');
    expect(await t.service.addPage('SALE', STILL)).toMatchObject({
      ok: false,
      code: 'bad-request',
      reason: 'black-frame',
    });
    t.refuseWith(undefined);
    expect(await t.service.addPage('SALE', '%%% not base64 %%%')).toMatchObject({
      ok: false,
      reason: 'not-an-image',
    });
    t.session.source = 'typed';
    expect(await t.service.addPage('SALE', STILL)).toMatchObject({
      ok: false,
      code: 'no-session',
      reason: 'no-session',
    });
    t.session.active = false;
    t.session.source = undefined;
    expect(t.service.listPages()).toMatchObject({ ok: false, reason: 'no-session' });
    expect(t.store.usedBytes()).toBe(0);
  });

  it('drops a page whose session ended while it was being processed', async () => {
    const t = setup();
    t.whileProcessing(() => t.nextCard());
    expect(await t.service.addPage('SALE', STILL)).toMatchObject({ ok: false, reason: 'no-session' });
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM material_scan_pages').get()).toEqual({ n: 0 });
  });

  it('never shows or attaches another card’s pages, and purges them when that session ends', async () => {
    const t = setup();
    const a = await t.service.addPage('SALE', STILL);
    if (!a.ok) throw new Error('page not kept');
    const refA = t.service.documentRefFor('SALE')!;
    expect(refA).toMatch(/^scan-[0-9a-f]{32}$/);

    t.nextCard();
    // Card B sees nothing of card A's session, and A's pages are gone from the disk.
    expect(t.service.documentRefFor('SALE')).toBeNull();
    expect(t.service.pageImage(a.value.pageId)).toMatchObject({ ok: false, reason: 'unknown-page' });
    expect(t.service.listPages()).toEqual({ ok: true, value: { pages: [] } });
    expect(t.store.usedBytes()).toBe(0);

    // Card B submitting a case that names A's material fails as a whole: the case is not written either.
    t.db.exec('CREATE TABLE cases_written (n INTEGER)');
    expect(() =>
      t.service.attachWithin([refA], () => t.db.prepare('INSERT INTO cases_written VALUES (1)').run()),
    ).toThrow(MaterialScanSessionError);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM cases_written').get()).toEqual({ n: 0 });
    expect(t.delivered).toEqual([]);
  });

  it('queues a material’s pages in the case’s transaction, in order, with no image in the outbox', async () => {
    const t = setup();
    await t.service.addPage('SALE', STILL);
    await t.service.addPage('SALE', STILL);
    const ref = t.service.documentRefFor('SALE')!;
    const written = t.service.attachWithin([ref], () => 'case row');
    expect(written).toBe('case row');
    // One after another: the second page's delivery starts once the first has settled, when it is
    // the head of the material's stream.
    expect(t.delivered).toHaveLength(1);
    await new Promise((settled) => setImmediate(settled));
    expect(t.delivered).toHaveLength(2);
    const items = t.delivered.map((id) => t.outbox.get(id)!);
    expect(items.map((i) => i.stream)).toEqual([
      `${MATERIAL_SCAN_KIND}:${ref}`,
      `${MATERIAL_SCAN_KIND}:${ref}`,
    ]);
    const payloads = items.map((i) => materialScanPayloadSchema.parse(i.payload));
    expect(payloads.map((p) => [p.upload.pageIndex, p.upload.pageCount, p.upload.level])).toEqual([
      [1, 2, 'C'],
      [2, 2, 'C'],
    ]);
    expect(JSON.stringify(items.map((i) => i.payload))).not.toContain(MARKER.toString('base64').slice(0, 12));
    // Queued pages belong to their case now: they survive the session's end, and the session sees them no more.
    t.nextCard();
    expect(t.store.queuedCount()).toBe(2);
    expect(t.service.documentRefFor('SALE')).toBeNull();
    // Once the central has a page, it leaves the kiosk.
    t.service.delivered(payloads[0]!.pageId);
    expect(t.store.queuedCount()).toBe(1);
    expect(t.service.uploadImage(payloads[0]!.pageId)).toBeUndefined();
    // A dead letter staff discard: its page would only hold the budget, so the next sweep drops it.
    t.db
      .prepare(`UPDATE outbox SET state = 'rejected', settled_as = 'discarded' WHERE id = ?`)
      .run(t.delivered[1]);
    t.nextCard();
    expect(t.store.queuedCount()).toBe(0);
    expect(t.store.usedBytes()).toBe(0);
  });
});

describe('the disk budget', () => {
  it('refuses plainly when full, keeps every queued page, and takes pages again once room is made', async () => {
    // 8 MB budget, pages of 2.5 MB: sealed (base64) each takes about 3.3 MB, so two fit and a third does not.
    const t = setup({ diskBudgetMb: 8, maxPageBytes: 2_500_000, pageBytes: 2_500_000 });
    const first = await t.service.addPage('SALE', STILL);
    expect(first.ok).toBe(true);
    t.service.attachWithin([t.service.documentRefFor('SALE')!], () => undefined);
    const second = await t.service.addPage('PROP', STILL);
    expect(second.ok).toBe(true);
    const full = await t.service.addPage('PROP', STILL);
    expect(full).toMatchObject({ ok: false, code: 'store-unavailable', reason: 'budget-full' });
    expect(t.service.budget().roomForPage).toBe(false);
    // Nothing already kept or queued was dropped to make room.
    expect(t.store.queuedCount()).toBe(1);
    expect(t.service.listPages().ok && t.service.listPages()).toMatchObject({
      value: { pages: [{ materialCode: 'PROP' }] },
    });
    // The citizen removes a page: there is room again.
    if (second.ok) t.service.removePage(second.value.pageId);
    expect((await t.service.addPage('PROP', STILL)).ok).toBe(true);
  });

  it('counts what pages really take on disk', async () => {
    const t = setup({ pageBytes: 123_457 });
    await t.service.addPage('SALE', STILL);
    expect(t.store.usedBytes()).toBe(MaterialScanStore.sealedSizeOf(123_457));
  });

  it('is configured with defaults, and refuses a budget smaller than two pages', () => {
    const defaults = kioskConfigSchema.parse({}).materialScans;
    expect(defaults).toEqual({ diskBudgetMb: 300, maxPageBytes: 1_500_000, chunkBytes: 256 * 1024 });
    const tiny = kioskConfigSchema.safeParse({
      materialScans: { diskBudgetMb: 8, maxPageBytes: 8 * 1024 * 1024 },
    });
    expect(tiny.success).toBe(false);
    expect(tiny.error?.issues[0]?.path).toEqual(['materialScans', 'diskBudgetMb']);
    expect(kioskConfigSchema.safeParse({ materialScans: { chunkBytes: 4 } }).success).toBe(false);
  });
});
