/**
 * Scanned material pages from kiosks (central migration 13). An upload is one page: created with
 * its size and SHA-256, filled chunk by chunk (each chunk sealed, bound to its upload and offset),
 * complete once the hash matched. A case's material names its pages by `document_ref`; the join is
 * made when the window reads, so the case and its pages may arrive in either order. Nothing in clear
 * names the citizen: the link to them is the case.
 */
export const MATERIAL_SCANS_SQL = `
  CREATE TABLE material_scan_uploads (
    upload_id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    document_ref TEXT NOT NULL,
    material_code TEXT NOT NULL,
    page_index INTEGER NOT NULL CHECK (page_index >= 1),
    page_count INTEGER NOT NULL CHECK (page_count >= page_index),
    total_bytes INTEGER NOT NULL CHECK (total_bytes > 0),
    sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL CHECK (media_type = 'image/jpeg'),
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    level TEXT NOT NULL CHECK (level = 'C'),
    captured_at TEXT NOT NULL,
    received_bytes INTEGER NOT NULL DEFAULT 0 CHECK (received_bytes BETWEEN 0 AND total_bytes),
    state TEXT NOT NULL CHECK (state IN ('receiving', 'complete')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    completed_at INTEGER,
    UNIQUE (terminal_id, document_ref, page_index)
  );
  CREATE INDEX material_scan_uploads_by_ref ON material_scan_uploads (document_ref, page_index);

  CREATE TABLE material_scan_chunks (
    upload_id TEXT NOT NULL REFERENCES material_scan_uploads (upload_id) ON DELETE CASCADE,
    chunk_offset INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    sealed TEXT NOT NULL,
    PRIMARY KEY (upload_id, chunk_offset)
  );
`;
