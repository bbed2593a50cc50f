/**
 * Certificates issued at once (即办可打印 证明). A row keeps what the verification page shows (item,
 * hall, date, the masked name) for as long as the paper may be checked. The holder's record and the
 * code itself are sealed together, and only for as long as a retry of the same request may need the
 * PDF redrawn: housekeeping clears `holder_sealed` after that, leaving the code as its SHA-256
 * digest only, so a later copy of the database cannot be turned into codes that pass the page.
 */
export const PROOFS_SQL = `
  CREATE TABLE proofs (
    proof_id TEXT PRIMARY KEY,
    code_digest TEXT NOT NULL UNIQUE,
    hall_id TEXT NOT NULL REFERENCES halls (hall_id),
    terminal_id TEXT NOT NULL,
    item_code TEXT NOT NULL,
    item_name_zh TEXT NOT NULL,
    item_name_en TEXT NOT NULL,
    department_name TEXT NOT NULL,
    holder_masked_name TEXT NOT NULL,
    holder_sealed TEXT,
    issued_at INTEGER NOT NULL
  );
  CREATE INDEX proofs_holder_retention ON proofs (issued_at) WHERE holder_sealed IS NOT NULL;
`;
