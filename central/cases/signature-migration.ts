/**
 * Schema of migration 12: the drawn signature of a case's commitments (告知承诺), one per case at
 * most. The image, the wording signed, its version and the time are one AES-256-GCM blob, sealed
 * like the applicant record and bound to the case id (so it opens on no other case), in a table of
 * its own: case lists never read it, and only the staff signature route opens it.
 */
export const CASE_SIGNATURES_SQL = `
  CREATE TABLE case_signatures (
    case_id TEXT PRIMARY KEY REFERENCES cases (case_id),
    signature_sealed TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
`;
