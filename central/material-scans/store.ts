import { createHash, randomBytes } from 'node:crypto';
import type { Sealer } from '../cases/sealing';
import type { CentralDatabase } from '../db/database';
import type { CreateUploadRequest, UploadStatus } from './contract';

interface UploadRow {
  upload_id: string;
  hall_id: string;
  terminal_id: string;
  document_ref: string;
  material_code: string;
  page_index: number;
  page_count: number;
  total_bytes: number;
  sha256: string;
  width: number;
  height: number;
  level: 'C';
  captured_at: string;
  received_bytes: number;
  state: 'receiving' | 'complete';
}

export interface Upload {
  uploadId: string;
  hallId: string;
  terminalId: string;
  documentRef: string;
  materialCode: string;
  pageIndex: number;
  pageCount: number;
  totalBytes: number;
  sha256: string;
  width: number;
  height: number;
  level: 'C';
  capturedAt: string;
  receivedBytes: number;
  state: 'receiving' | 'complete';
}

const toUpload = (r: UploadRow): Upload => ({
  uploadId: r.upload_id,
  hallId: r.hall_id,
  terminalId: r.terminal_id,
  documentRef: r.document_ref,
  materialCode: r.material_code,
  pageIndex: r.page_index,
  pageCount: r.page_count,
  totalBytes: r.total_bytes,
  sha256: r.sha256,
  width: r.width,
  height: r.height,
  level: r.level,
  capturedAt: r.captured_at,
  receivedBytes: r.received_bytes,
  state: r.state,
});

export const statusOf = (u: Upload): UploadStatus => ({
  uploadId: u.uploadId,
  receivedBytes: u.receivedBytes,
  totalBytes: u.totalBytes,
  state: u.state,
});

/** What a chunk did: taken, or refused with why (and the offset the central holds). */
export type ChunkOutcome =
  | { ok: true; upload: Upload }
  | { ok: false; refusal: 'complete' | 'overflow' }
  | { ok: false; refusal: 'offset-mismatch'; receivedBytes: number };

export type CompleteOutcome =
  { ok: true; upload: Upload } | { ok: false; refusal: 'incomplete' | 'hash-mismatch'; upload: Upload };

/** What a chunk's seal is bound to: moved to another upload or offset, it does not open. */
const boundTo = (uploadId: string, offset: number) => `material-scan:${uploadId}:${offset}`;

/**
 * Page uploads (tables `material_scan_uploads`, `material_scan_chunks`). Every change is one
 * transaction that checks the row it changes, so two nodes taking the same chunk at once cannot
 * both append it. Chunks are sealed with the case data key; the page is its chunks in order.
 */
export class MaterialScanStore {
  private readonly stmts;

  constructor(
    private readonly db: CentralDatabase,
    private readonly sealer: Sealer,
  ) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO material_scan_uploads (upload_id, hall_id, terminal_id, document_ref, material_code, page_index,
           page_count, total_bytes, sha256, media_type, width, height, level, captured_at, state, created_at, updated_at)
         VALUES (@uploadId, @hallId, @terminalId, @documentRef, @materialCode, @pageIndex, @pageCount, @totalBytes,
           @sha256, @mediaType, @width, @height, @level, @capturedAt, 'receiving', @now, @now)
         ON CONFLICT (terminal_id, document_ref, page_index) DO NOTHING`,
      ),
      byId: db.prepare<[string], UploadRow>('SELECT * FROM material_scan_uploads WHERE upload_id = ?'),
      byPage: db.prepare<[string, string, number], UploadRow>(
        'SELECT * FROM material_scan_uploads WHERE terminal_id = ? AND document_ref = ? AND page_index = ?',
      ),
      byRef: db.prepare<[string, string, string], UploadRow>(
        `SELECT * FROM material_scan_uploads WHERE document_ref = ? AND terminal_id = ? AND hall_id = ?
         ORDER BY page_index`,
      ),
      insertChunk: db.prepare(
        'INSERT INTO material_scan_chunks (upload_id, chunk_offset, bytes, sealed) VALUES (?, ?, ?, ?)',
      ),
      advance: db.prepare(
        `UPDATE material_scan_uploads SET received_bytes = received_bytes + ?, updated_at = ?
         WHERE upload_id = ? AND received_bytes = ? AND state = 'receiving'`,
      ),
      chunks: db.prepare<[string], { chunk_offset: number; sealed: string }>(
        'SELECT chunk_offset, sealed FROM material_scan_chunks WHERE upload_id = ? ORDER BY chunk_offset',
      ),
      dropChunks: db.prepare('DELETE FROM material_scan_chunks WHERE upload_id = ?'),
      restart: db.prepare(
        `UPDATE material_scan_uploads SET received_bytes = 0, updated_at = ? WHERE upload_id = ? AND state = 'receiving'`,
      ),
      dropIdle: db.prepare(`DELETE FROM material_scan_uploads WHERE state = 'receiving' AND updated_at < ?`),
      finish: db.prepare(
        `UPDATE material_scan_uploads SET state = 'complete', completed_at = ?, updated_at = ?
         WHERE upload_id = ? AND state = 'receiving'`,
      ),
    };
  }

  /**
   * The page's upload, made now or found: a kiosk sending the same page again (after a break, a
   * restart, a lost answer) gets the same upload and the bytes held so far. 'conflict' when that
   * page of the document exists with another size or hash.
   */
  open(req: CreateUploadRequest, now: number): { upload: Upload; created: boolean } | 'conflict' {
    return this.db.transaction(() => {
      const uploadId = `up-${randomBytes(16).toString('hex')}`;
      const inserted = this.stmts.insert.run({ ...req, uploadId, now }).changes === 1;
      const row = this.stmts.byPage.get(req.terminalId, req.documentRef, req.pageIndex)!;
      if (
        !inserted &&
        (row.sha256 !== req.sha256 ||
          row.total_bytes !== req.totalBytes ||
          row.material_code !== req.materialCode)
      ) {
        return 'conflict' as const;
      }
      return { upload: toUpload(row), created: inserted };
    })();
  }

  get(uploadId: string): Upload | undefined {
    const row = this.stmts.byId.get(uploadId);
    return row && toUpload(row);
  }

  /** Appends a chunk at `offset`, which must be where the upload stands. */
  append(uploadId: string, offset: number, data: Buffer, now: number): ChunkOutcome {
    return this.db.transaction((): ChunkOutcome => {
      const row = this.stmts.byId.get(uploadId)!;
      if (row.state === 'complete') return { ok: false, refusal: 'complete' };
      if (offset !== row.received_bytes) {
        return { ok: false, refusal: 'offset-mismatch', receivedBytes: row.received_bytes };
      }
      if (offset + data.length > row.total_bytes) return { ok: false, refusal: 'overflow' };
      const sealed = this.sealer.seal(data.toString('base64'), boundTo(uploadId, offset));
      this.stmts.insertChunk.run(uploadId, offset, data.length, sealed);
      this.stmts.advance.run(data.length, now, uploadId, offset);
      return { ok: true, upload: toUpload(this.stmts.byId.get(uploadId)!) };
    })();
  }

  /** The page as received so far, opened: its chunks in order. */
  bytes(uploadId: string): Buffer {
    return Buffer.concat(
      this.stmts.chunks
        .all(uploadId)
        .map((c) =>
          Buffer.from(this.sealer.open<string>(c.sealed, boundTo(uploadId, c.chunk_offset)), 'base64'),
        ),
    );
  }

  /**
   * Checks the received page against its SHA-256 and marks it complete. A mismatch discards what
   * was held (the kiosk still has its copy and sends it again from zero). Completing a complete
   * upload answers it as it is.
   */
  complete(uploadId: string, now: number): CompleteOutcome {
    return this.db.transaction((): CompleteOutcome => {
      const upload = this.get(uploadId)!;
      if (upload.state === 'complete') return { ok: true, upload };
      if (upload.receivedBytes !== upload.totalBytes) return { ok: false, refusal: 'incomplete', upload };
      const digest = createHash('sha256').update(this.bytes(uploadId)).digest('hex');
      if (digest !== upload.sha256) {
        this.stmts.dropChunks.run(uploadId);
        this.stmts.restart.run(now, uploadId);
        return { ok: false, refusal: 'hash-mismatch', upload: this.get(uploadId)! };
      }
      this.stmts.finish.run(now, now, uploadId);
      return { ok: true, upload: this.get(uploadId)! };
    })();
  }

  /**
   * Drops partial uploads nobody has added to since `before` (their chunks go with them). The
   * kiosk keeps its sealed copy until the page is complete, so it loses nothing: its next attempt
   * creates the upload again and sends it from zero.
   */
  dropIdle(before: number): number {
    return this.stmts.dropIdle.run(before).changes;
  }

  /** The pages of one scanned material sent by the terminal and hall the case came from. */
  ofDocument(documentRef: string, terminalId: string, hallId: string): Upload[] {
    return this.stmts.byRef.all(documentRef, terminalId, hallId).map(toUpload);
  }
}
