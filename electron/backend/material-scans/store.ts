import type { Statement } from 'better-sqlite3';
import type { KioskDatabase } from '../store/database';
import type { FieldCipher } from '../store/field-cipher';
import { statementCache } from '../store/statements';

/** A page row without its image. */
export interface PageRow {
  pageId: string;
  sessionId: string;
  documentRef: string;
  materialCode: string;
  captureSeq: number;
  state: 'held' | 'queued';
  bytes: number;
  width: number;
  height: number;
  sha256: string;
  /** What the sealed page takes on disk: the budget counts this. */
  sealedBytes: number;
  outboxId: number | null;
  createdAt: number;
}

interface Row {
  page_id: string;
  session_id: string;
  document_ref: string;
  material_code: string;
  capture_seq: number;
  state: 'held' | 'queued';
  bytes: number;
  width: number;
  height: number;
  sha256: string;
  sealed_bytes: number;
  outbox_id: number | null;
  created_at: number;
}

const COLUMNS = `page_id, session_id, document_ref, material_code, capture_seq, state, bytes, width, height,
  sha256, length(sealed) AS sealed_bytes, outbox_id, created_at`;

const toPage = (r: Row): PageRow => ({
  pageId: r.page_id,
  sessionId: r.session_id,
  documentRef: r.document_ref,
  materialCode: r.material_code,
  captureSeq: r.capture_seq,
  state: r.state,
  bytes: r.bytes,
  width: r.width,
  height: r.height,
  sha256: r.sha256,
  sealedBytes: r.sealed_bytes,
  outboxId: r.outbox_id,
  createdAt: r.created_at,
});

/** What the sealed blob is bound to (its associated data): a blob moved to another page's row fails to open. */
const aadOf = (pageId: string) => `material-scan-page:${pageId}`;

/**
 * The sealed pages (table `material_scan_pages`). The store key's FieldCipher seals values as
 * JSON, so a page is sealed as its base64 text: a third more on disk than the JPEG, which the
 * budget counts, in exchange for one key, one format and one place that knows AES-GCM.
 */
export class MaterialScanStore {
  private readonly sql: (sql: string) => Statement;

  constructor(
    private readonly db: KioskDatabase,
    private readonly cipher: FieldCipher,
  ) {
    this.sql = statementCache(db);
  }

  /** The sealed size of a page of `bytes` bytes, before it is written (for the budget). */
  static sealedSizeOf(bytes: number): number {
    // 1 format byte + 12 IV + 16 tag, then the JSON string: two quotes around the base64.
    return 29 + 2 + 4 * Math.ceil(bytes / 3);
  }

  insert(page: Omit<PageRow, 'sealedBytes' | 'outboxId' | 'state' | 'captureSeq'>, jpeg: Buffer): PageRow {
    const sealed = this.cipher.seal(jpeg.toString('base64'), aadOf(page.pageId));
    const seq = this.sql(
      'SELECT COALESCE(MAX(capture_seq), 0) + 1 AS next FROM material_scan_pages WHERE document_ref = ?',
    ).get(page.documentRef) as { next: number };
    this.sql(
      `INSERT INTO material_scan_pages (page_id, session_id, document_ref, material_code, capture_seq, state,
         bytes, width, height, sha256, sealed, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'held', ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      page.pageId,
      page.sessionId,
      page.documentRef,
      page.materialCode,
      seq.next,
      page.bytes,
      page.width,
      page.height,
      page.sha256,
      sealed,
      page.createdAt,
      page.createdAt,
    );
    return this.get(page.pageId)!;
  }

  get(pageId: string): PageRow | undefined {
    const row = this.sql(`SELECT ${COLUMNS} FROM material_scan_pages WHERE page_id = ?`).get(pageId) as
      Row | undefined;
    return row && toPage(row);
  }

  /** The page's JPEG, opened; undefined when the page is gone. */
  image(pageId: string): Buffer | undefined {
    const row = this.sql('SELECT sealed FROM material_scan_pages WHERE page_id = ?').get(pageId) as
      { sealed: Buffer } | undefined;
    if (!row) return undefined;
    return Buffer.from(this.cipher.open(row.sealed, aadOf(pageId)) as string, 'base64');
  }

  /** A session's pages still held (not submitted), by material and capture order. */
  heldOf(sessionId: string, materialCode?: string): PageRow[] {
    const rows = (
      materialCode === undefined
        ? this.sql(
            `SELECT ${COLUMNS} FROM material_scan_pages WHERE session_id = ? AND state = 'held'
             ORDER BY material_code, capture_seq`,
          ).all(sessionId)
        : this.sql(
            `SELECT ${COLUMNS} FROM material_scan_pages WHERE session_id = ? AND state = 'held' AND material_code = ?
             ORDER BY capture_seq`,
          ).all(sessionId, materialCode)
    ) as Row[];
    return rows.map(toPage);
  }

  /** The held pages of one scanned material, in capture order. */
  heldOfRef(sessionId: string, documentRef: string): PageRow[] {
    return (
      this.sql(
        `SELECT ${COLUMNS} FROM material_scan_pages WHERE session_id = ? AND document_ref = ? AND state = 'held'
         ORDER BY capture_seq`,
      ).all(sessionId, documentRef) as Row[]
    ).map(toPage);
  }

  markQueued(pageId: string, outboxId: number, now: number): void {
    this.sql(
      `UPDATE material_scan_pages SET state = 'queued', outbox_id = ?, updated_at = ? WHERE page_id = ? AND state = 'held'`,
    ).run(outboxId, now, pageId);
  }

  /** Sealed bytes of every page on disk, held and queued: what the budget is measured against. */
  usedBytes(): number {
    const row = this.sql(
      'SELECT COALESCE(SUM(length(sealed)), 0) AS used FROM material_scan_pages',
    ).get() as {
      used: number;
    };
    return row.used;
  }

  /** Pages waiting for the central (queued), for staff and tests. */
  queuedCount(): number {
    return (
      this.sql("SELECT COUNT(*) AS n FROM material_scan_pages WHERE state = 'queued'").get() as { n: number }
    ).n;
  }

  /** Removes one held page of a session; false when there is no such held page. */
  removeHeld(sessionId: string, pageId: string): boolean {
    return (
      this.sql(`DELETE FROM material_scan_pages WHERE page_id = ? AND session_id = ? AND state = 'held'`).run(
        pageId,
        sessionId,
      ).changes === 1
    );
  }

  /**
   * Drops every held page of sessions other than `keepSession` (every held page when undefined):
   * a session that ended without submitting leaves nothing behind. Queued pages are never touched.
   */
  purgeHeld(keepSession?: string): number {
    return keepSession === undefined
      ? this.sql(`DELETE FROM material_scan_pages WHERE state = 'held'`).run().changes
      : this.sql(`DELETE FROM material_scan_pages WHERE state = 'held' AND session_id <> ?`).run(keepSession)
          .changes;
  }

  /**
   * Drops queued pages whose upload will never be sent: its outbox item settled without an
   * acknowledgement (staff discarded the dead letter) or is gone. An acknowledged page went with
   * its acknowledgement already; this also catches one left by a crash between the two.
   */
  purgeUnsendable(): number {
    return this.sql(
      `DELETE FROM material_scan_pages WHERE state = 'queued' AND (
         outbox_id IS NULL
         OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.id = outbox_id)
         OR EXISTS (SELECT 1 FROM outbox o WHERE o.id = outbox_id
                    AND (o.state = 'acknowledged' OR (o.state = 'rejected' AND o.settled_as IS NOT NULL))))`,
    ).run().changes;
  }

  /** The central has the page: the sealed image and its row go (the page has no other derivative). */
  purge(pageId: string): boolean {
    return this.sql('DELETE FROM material_scan_pages WHERE page_id = ?').run(pageId).changes === 1;
  }
}
