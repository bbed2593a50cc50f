import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../../domain/clock';
import type { ServiceResult } from '../api/replies';
import type { KioskLogger } from '../logging/logger';
import type { IdentitySource } from '../session/citizen-session';
import { storeWrite, StoreUnavailableError, type KioskDatabase } from '../store/database';
import type { Outbox } from '../store/outbox';
import type { OutboxDelivery } from '../store/outbox-delivery';
import {
  MAX_PAGES_PER_MATERIAL,
  materialCodeSchema,
  type MaterialScanReason,
  type ScannedPage,
} from './contract';
import { MATERIAL_SCAN_KIND, type MaterialScanPayload } from './outbox';
import type { MaterialScanStore, PageRow } from './store';
import { MaterialScanStore as Store } from './store';

/** What page processing (page-processing.ts) answers for a still. */
export type ProcessedPage =
  | { ok: true; jpeg: Buffer; width: number; height: number }
  | { ok: false; reason: 'not-an-image' | 'black-frame' | 'no-page-found' | 'too-large' };
export type ProcessPage = (
  input: Buffer,
  limits: { maxBytes: number; maxLongSide?: number },
) => Promise<ProcessedPage>;

export interface MaterialScanSettings {
  diskBudgetMb: number;
  maxPageBytes: number;
  chunkBytes: number;
}

/** Who is identified, as far as pages care: a card session, and when it changes. */
export interface ScanSession {
  readonly active: boolean;
  readonly source: IdentitySource | undefined;
  /** Changes whenever a session starts, is replaced or ends (CitizenSession.epoch). */
  readonly epoch: number;
}

export interface MaterialScanDeps {
  db: KioskDatabase;
  store: MaterialScanStore;
  outbox: Pick<Outbox, 'enqueue'>;
  delivery: Pick<OutboxDelivery, 'deliver'>;
  session: ScanSession;
  clock: Clock;
  logger: KioskLogger;
  settings: MaterialScanSettings;
  processPage: ProcessPage;
  hallId: string;
  terminalId: string;
}

/** A documentRef named at submission that is not a material of the session submitting. */
export class MaterialScanSessionError extends Error {
  override name = 'MaterialScanSessionError';
}

type ScanResult<T> = ServiceResult<T, MaterialScanReason>;

const refuse = (
  code: 'bad-request' | 'no-session' | 'not-found' | 'store-unavailable',
  reason: MaterialScanReason,
  detail?: string,
): ScanResult<never> => ({ ok: false, code, reason, ...(detail ? { detail } : {}) });

const newId = (prefix: string) => `${prefix}-${randomBytes(16).toString('hex')}`;

/** The still's bytes from the renderer's base64 or data: URL; undefined when it is neither. */
export function decodeStill(image: string): Buffer | undefined {
  const body = image.startsWith('data:') ? image.slice(image.indexOf(',') + 1) : image;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return undefined;
  const bytes = Buffer.from(body, 'base64');
  return bytes.length > 0 ? bytes : undefined;
}

/**
 * Pages of materials captured with the document camera. A page belongs to the card session that
 * captured it (a random session id, never the card) until its case is submitted: then it joins the
 * case's transaction as queued uploads and waits in the outbox like everything else; a session that
 * ends without submitting purges its pages. Pages are sealed on disk and held to a disk budget; a
 * full budget refuses a new page and never touches what is queued.
 */
export class MaterialScanService {
  private current: { epoch: number; sessionId: string; refs: Map<string, string> } | undefined;

  constructor(private readonly deps: MaterialScanDeps) {}

  private get budgetBytes(): number {
    return this.deps.settings.diskBudgetMb * 1024 * 1024;
  }

  /**
   * This card session's pages' owner: a random id made when the session is first seen (a new
   * epoch is a new session, whoever it is); undefined when no card session is open.
   */
  private session(): { sessionId: string; refs: Map<string, string> } | undefined {
    const s = this.deps.session;
    if (!s.active || s.source !== 'card') return undefined;
    if (this.current?.epoch !== s.epoch) {
      this.current = { epoch: s.epoch, sessionId: newId('ss'), refs: new Map() };
    }
    return this.current;
  }

  budget(): { usedBytes: number; limitBytes: number; roomForPage: boolean } {
    const used = this.deps.store.usedBytes();
    return {
      usedBytes: used,
      limitBytes: this.budgetBytes,
      roomForPage: used + Store.sealedSizeOf(this.deps.settings.maxPageBytes) <= this.budgetBytes,
    };
  }

  async addPage(materialCode: string, image: string): Promise<ScanResult<ScannedPage>> {
    const { logger, settings } = this.deps;
    if (!this.session()) return refuse('no-session', 'no-session');
    const epoch = this.deps.session.epoch;
    const still = decodeStill(image);
    if (!still) return refuse('bad-request', 'not-an-image', 'image: not base64');
    // Refused before processing: a full budget stays full whatever the page looks like.
    if (!this.budget().roomForPage) {
      logger.warn('material-scans.budget-full', { usedBytes: this.deps.store.usedBytes() });
      return refuse('store-unavailable', 'budget-full');
    }
    const processed = await this.deps.processPage(still, { maxBytes: settings.maxPageBytes });
    // The citizen may have left (or another card come) while the page was processed.
    const session = this.session();
    if (!session || this.deps.session.epoch !== epoch) return refuse('no-session', 'no-session');
    if (!processed.ok) {
      logger.info('material-scans.page-refused', { reason: processed.reason });
      return refuse('bad-request', processed.reason);
    }
    if (processed.jpeg.length > settings.maxPageBytes) return refuse('bad-request', 'too-large');
    const held = this.deps.store.heldOf(session.sessionId, materialCode);
    if (held.length >= MAX_PAGES_PER_MATERIAL) return refuse('bad-request', 'too-many-pages');
    const sealedSize = Store.sealedSizeOf(processed.jpeg.length);
    const documentRef = session.refs.get(materialCode) ?? newId('scan');
    try {
      const row = storeWrite(() =>
        this.deps.db.transaction(() => {
          // Measured inside the write: two pages kept at once cannot both take the last room.
          if (this.deps.store.usedBytes() + sealedSize > this.budgetBytes) return undefined;
          return this.deps.store.insert(
            {
              pageId: newId('pg'),
              sessionId: session.sessionId,
              documentRef,
              materialCode,
              bytes: processed.jpeg.length,
              width: processed.width,
              height: processed.height,
              sha256: createHash('sha256').update(processed.jpeg).digest('hex'),
              createdAt: this.deps.clock.now(),
            },
            processed.jpeg,
          );
        })(),
      );
      if (!row) return refuse('store-unavailable', 'budget-full');
      session.refs.set(materialCode, documentRef);
      logger.info('material-scans.page-kept', {
        materialCode,
        bytes: row.bytes,
        width: row.width,
        height: row.height,
      });
      return { ok: true, value: this.viewOf(row, held.length + 1) };
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      logger.error('store.unavailable', { detail: err.message });
      return refuse('store-unavailable', 'budget-full', err.code);
    }
  }

  listPages(materialCode?: string): ScanResult<{ pages: ScannedPage[] }> {
    const session = this.session();
    if (!session) return refuse('no-session', 'no-session');
    const rows = this.deps.store.heldOf(session.sessionId, materialCode);
    const index = new Map<string, number>();
    const pages = rows.map((r) => {
      const i = (index.get(r.materialCode) ?? 0) + 1;
      index.set(r.materialCode, i);
      return this.viewOf(r, i);
    });
    return { ok: true, value: { pages } };
  }

  removePage(pageId: string): ScanResult<{ removed: true }> {
    const session = this.session();
    if (!session) return refuse('no-session', 'no-session');
    if (!this.deps.store.removeHeld(session.sessionId, pageId)) return refuse('not-found', 'unknown-page');
    return { ok: true, value: { removed: true } };
  }

  /** The kept page's JPEG, for the review on screen: this session's held pages only. */
  pageImage(pageId: string): ScanResult<Buffer> {
    const session = this.session();
    if (!session) return refuse('no-session', 'no-session');
    const row = this.deps.store.get(pageId);
    if (!row || row.sessionId !== session.sessionId || row.state !== 'held') {
      return refuse('not-found', 'unknown-page');
    }
    return { ok: true, value: this.deps.store.image(pageId)! };
  }

  /**
   * What names this session's kept pages of a material for its case (`via: 'upload'`), or null
   * when the session kept no page of it (the material then goes on paper to the window).
   */
  documentRefFor(materialCode: string): string | null {
    const session = this.session();
    if (!session || !materialCodeSchema.safeParse(materialCode).success) return null;
    const ref = session.refs.get(materialCode);
    if (!ref) return null;
    return this.deps.store.heldOfRef(session.sessionId, ref).length > 0 ? ref : null;
  }

  /**
   * Runs the case's write and, in the same transaction, queues the upload of every page the named
   * materials hold: the case and its pages are committed together or not at all. A ref that is
   * not a material of this card session throws (the transaction, case included, is undone), so a
   * page captured under one card can never reach another card's case. Delivery starts after commit.
   */
  attachWithin<T>(documentRefs: readonly string[], write: () => T): T {
    if (documentRefs.length === 0) return write();
    const session = this.session();
    const now = this.deps.clock.now();
    const queued: number[] = [];
    const result = this.deps.db.transaction(() => {
      const value = write();
      for (const ref of new Set(documentRefs)) {
        const pages = session ? this.deps.store.heldOfRef(session.sessionId, ref) : [];
        if (pages.length === 0) {
          throw new MaterialScanSessionError(`scanned material ${ref} has no pages in this card session`);
        }
        pages.forEach((page, i) => {
          const id = this.enqueueUpload(page, i + 1, pages.length, now);
          this.deps.store.markQueued(page.pageId, id, now);
          queued.push(id);
        });
      }
      return value;
    })();
    session?.refs.clear();
    this.deps.logger.info('material-scans.queued', {
      pages: queued.length,
      materials: new Set(documentRefs).size,
    });
    // A material's pages share one outbox stream, delivered in order: a page that is not yet the
    // stream's head is left for the next sweep, so started all at once every page after the first
    // would wait for the timer. One after another, each is the head when its turn comes.
    void (async () => {
      for (const id of queued) await this.deps.delivery.deliver(id);
    })();
    return result;
  }

  private enqueueUpload(page: PageRow, pageIndex: number, pageCount: number, now: number): number {
    return this.deps.outbox.enqueue(
      `${MATERIAL_SCAN_KIND}:${page.documentRef}`,
      (): MaterialScanPayload => ({
        pageId: page.pageId,
        upload: {
          hallId: this.deps.hallId,
          terminalId: this.deps.terminalId,
          documentRef: page.documentRef,
          materialCode: page.materialCode,
          pageIndex,
          pageCount,
          totalBytes: page.bytes,
          sha256: page.sha256,
          mediaType: 'image/jpeg',
          width: page.width,
          height: page.height,
          level: 'C',
          capturedAt: new Date(page.createdAt).toISOString(),
        },
      }),
      now,
    ).id;
  }

  /**
   * The session ended or changed: its pages not submitted go, with nothing of them left on disk.
   * Also at start, for a session the kiosk's restart ended. Queued pages whose upload staff
   * discarded go too (they would only hold the budget).
   */
  sessionEnded(): void {
    const keep = this.session()?.sessionId;
    if (!keep) this.current = undefined;
    const purged = this.deps.store.purgeHeld(keep) + this.deps.store.purgeUnsendable();
    if (purged > 0) this.deps.logger.info('material-scans.purged-unsubmitted', { pages: purged });
  }

  /** The page's JPEG for its upload; undefined when it is no longer in the store. */
  uploadImage(pageId: string): Buffer | undefined {
    return this.deps.store.image(pageId);
  }

  /** The central has the page: it goes from the store (called in the acknowledging transaction). */
  delivered(pageId: string): void {
    this.deps.store.purge(pageId);
  }

  private viewOf(row: PageRow, index: number): ScannedPage {
    return {
      pageId: row.pageId,
      materialCode: row.materialCode,
      index,
      bytes: row.bytes,
      width: row.width,
      height: row.height,
      level: 'C',
    };
  }
}
