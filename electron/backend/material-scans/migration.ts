/**
 * The kiosk store's table of scanned material pages (kiosk store migration 11). A page is `held`
 * while its card session lasts and `queued` once its case is submitted (its upload waits in the
 * outbox); the row goes when the central has the page. The image is sealed (AES-256-GCM with the
 * store key, bound to the page id); nothing in clear names the citizen: a session is a random id.
 */
export const MATERIAL_SCAN_PAGES_SQL = `
  CREATE TABLE material_scan_pages (
    page_id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    document_ref TEXT NOT NULL,
    material_code TEXT NOT NULL,
    capture_seq INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('held', 'queued')),
    bytes INTEGER NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    sealed BLOB NOT NULL,
    outbox_id INTEGER REFERENCES outbox (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX material_scan_pages_by_session ON material_scan_pages (session_id, material_code, capture_seq);
  CREATE INDEX material_scan_pages_by_ref ON material_scan_pages (document_ref, capture_seq);
`;
