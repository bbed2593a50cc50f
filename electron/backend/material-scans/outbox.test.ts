import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CreateUploadRequest, UploadStatus } from '../../../central/material-scans/contract';
import type { CentralOutcome } from '../central-connection/connection';
import { createTestLogger } from '../logging/logger';
import type { OutboxItem } from '../store/outbox';
import { outboxHandlers } from '../store/outbox-kind';
import { MATERIAL_SCAN_KIND, materialScanOutboxKinds, MAX_OFFSET_CORRECTIONS } from './outbox';

type Answer = CentralOutcome<{ upload: UploadStatus }>;
const CHUNK = 1000;
const PAGE_ID = `pg-${'a'.repeat(32)}`;
const UPLOAD_ID = `up-${'b'.repeat(32)}`;

const ok = (upload: UploadStatus): Answer => ({ kind: 'ok', status: 200, body: { upload }, replayed: false });
const rejected = (status: number, code: string, body: unknown = {}): Answer => ({
  kind: 'rejected',
  status,
  code,
  message: code,
  body,
});

/**
 * A central that holds bytes the way the real one does (an offset, a hash checked at the end),
 * with a hook to answer a request otherwise (a break, a refusal).
 */
function fakeCentral(page: Buffer, options: { held?: number } = {}) {
  let held = options.held ?? 0;
  let state: UploadStatus['state'] = 'receiving';
  const calls: string[] = [];
  let override: ((call: string, offset?: number) => Answer | undefined) | undefined;
  const status = (): UploadStatus => ({
    uploadId: UPLOAD_ID,
    receivedBytes: held,
    totalBytes: page.length,
    state,
  });
  const central = {
    createUpload: async (_req: CreateUploadRequest) => {
      calls.push('create');
      return override?.('create') ?? ok(status());
    },
    putChunk: async (_id: string, offset: number, chunk: Buffer) => {
      calls.push(`put@${offset}`);
      const o = override?.('put', offset);
      if (o) return o;
      if (offset !== held) {
        return rejected(409, 'upload-offset-mismatch', {
          error: { code: 'upload-offset-mismatch', receivedBytes: held },
        });
      }
      held += chunk.length;
      return ok(status());
    },
    complete: async (_id: string) => {
      calls.push('complete');
      const o = override?.('complete');
      if (o) return o;
      state = 'complete';
      return ok(status());
    },
  };
  return {
    central,
    calls,
    answer: (f: typeof override) => (override = f),
    setHeld: (n: number) => (held = n),
  };
}

function setup(page: Buffer, options: { held?: number; stored?: Buffer | null } = {}) {
  const fake = fakeCentral(page, options);
  const purged: string[] = [];
  const logger = createTestLogger();
  const handlers = outboxHandlers(
    materialScanOutboxKinds({
      central: fake.central,
      pages: {
        uploadImage: () => (options.stored === null ? undefined : (options.stored ?? page)),
        delivered: (id) => purged.push(id),
      },
      chunkBytes: CHUNK,
      logger,
    }),
  );
  const item = {
    id: 1,
    stream: `${MATERIAL_SCAN_KIND}:scan-${'c'.repeat(32)}`,
    kind: MATERIAL_SCAN_KIND,
    payload: {
      pageId: PAGE_ID,
      upload: {
        hallId: 'HALL-CITY-01',
        terminalId: 'KIOSK-01',
        documentRef: `scan-${'c'.repeat(32)}`,
        materialCode: 'SALE',
        pageIndex: 1,
        pageCount: 1,
        totalBytes: page.length,
        sha256: createHash('sha256').update(page).digest('hex'),
        mediaType: 'image/jpeg',
        width: 100,
        height: 100,
        level: 'C',
        capturedAt: '2026-11-25T01:00:00.000Z',
      },
    },
  } as unknown as OutboxItem;
  const deliver = async () => {
    const outcome = await handlers[MATERIAL_SCAN_KIND]!(item);
    if (outcome.kind !== 'retry') outcome.apply?.(0);
    return outcome;
  };
  return { ...fake, purged, deliver, logger };
}

describe('a page upload as the outbox delivers it', () => {
  it('sends the page in chunks, completes it, and purges it with the acknowledgement', async () => {
    const t = setup(randomBytes(3500));
    expect((await t.deliver()).kind).toBe('ok');
    expect(t.calls).toEqual(['create', 'put@0', 'put@1000', 'put@2000', 'put@3000', 'complete']);
    expect(t.purged).toEqual([PAGE_ID]);
  });

  it('after a break goes on from the bytes the central holds, and keeps the page until acknowledged', async () => {
    const t = setup(randomBytes(3500));
    t.answer((call, offset) =>
      call === 'put' && offset === 2000
        ? { kind: 'retry', reason: 'network: reset', offline: true }
        : undefined,
    );
    expect((await t.deliver()).kind).toBe('retry');
    expect(t.purged).toEqual([]);
    t.answer(undefined);
    t.calls.length = 0;
    expect((await t.deliver()).kind).toBe('ok');
    expect(t.calls).toEqual(['create', 'put@2000', 'put@3000', 'complete']);
    expect(t.logger.events('material-scans.upload-resumed')).toMatchObject([{ receivedBytes: 2000 }]);
  });

  it('follows the central’s offset when a chunk went to the wrong place, within a bound', async () => {
    const t = setup(randomBytes(3500));
    // The central already holds more than the kiosk was told (an answer lost after it arrived).
    t.answer((call) =>
      call === 'create'
        ? ok({ uploadId: UPLOAD_ID, receivedBytes: 0, totalBytes: 3500, state: 'receiving' })
        : undefined,
    );
    t.setHeld(1000);
    expect((await t.deliver()).kind).toBe('ok');
    expect(t.calls).toEqual(['create', 'put@0', 'put@1000', 'put@2000', 'put@3000', 'complete']);

    // A central that keeps answering another offset is not followed for ever.
    const stuck = setup(randomBytes(3500));
    stuck.answer((call) =>
      call === 'put'
        ? rejected(409, 'upload-offset-mismatch', {
            error: { code: 'upload-offset-mismatch', receivedBytes: 0 },
          })
        : undefined,
    );
    const outcome = await stuck.deliver();
    expect(outcome).toMatchObject({ kind: 'retry', reason: expect.stringContaining('offset') });
    expect(stuck.calls.filter((c) => c.startsWith('put'))).toHaveLength(MAX_OFFSET_CORRECTIONS + 1);
    expect(stuck.purged).toEqual([]);
  });

  it('sends the page again when the central cannot match its hash', async () => {
    const t = setup(randomBytes(1500));
    t.answer((call) => (call === 'complete' ? rejected(422, 'upload-hash-mismatch') : undefined));
    const outcome = await t.deliver();
    expect(outcome).toMatchObject({ kind: 'retry', reason: expect.stringContaining('hash') });
    expect(t.purged).toEqual([]);
  });

  it('is acknowledged at once for a page the central already has whole', async () => {
    const t = setup(randomBytes(1500));
    t.answer((call) =>
      call === 'create'
        ? ok({ uploadId: UPLOAD_ID, receivedBytes: 1500, totalBytes: 1500, state: 'complete' })
        : undefined,
    );
    expect((await t.deliver()).kind).toBe('ok');
    expect(t.calls).toEqual(['create']);
    expect(t.purged).toEqual([PAGE_ID]);
  });

  it('is a dead letter when the page is gone or differs from what was queued, and when the central refuses it', async () => {
    const gone = setup(randomBytes(1500), { stored: null });
    expect(await gone.deliver()).toMatchObject({
      kind: 'rejected',
      reason: expect.stringContaining('no longer'),
    });
    expect(gone.calls).toEqual([]);
    const changed = setup(randomBytes(1500), { stored: randomBytes(10) });
    expect(await changed.deliver()).toMatchObject({ kind: 'rejected' });

    const refused = setup(randomBytes(1500));
    refused.answer((call) => (call === 'create' ? rejected(403, 'forbidden') : undefined));
    const outcome = await refused.deliver();
    expect(outcome).toMatchObject({ kind: 'rejected', refused: false });
    expect(refused.purged).toEqual([]);
  });
});
