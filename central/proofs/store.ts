import { createHash, randomBytes } from 'node:crypto';
import type { Sealer } from '../cases/sealing';
import type { CentralDatabase } from '../db/database';
import { VERIFICATION_ALPHABET, type ProofHolder } from './contract';

/**
 * A retry of the same request redraws the PDF from the sealed holder; a kiosk retries within its
 * citizen's session, so a day is ample. After it the row keeps only what the verification page shows.
 */
export const PROOF_HOLDER_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface ProofRecord {
  proofId: string;
  hallId: string;
  terminalId: string;
  itemCode: string;
  itemName: { zh: string; en: string };
  departmentName: string;
  holderMaskedName: string;
  issuedAt: number;
}

/** What is sealed: the holder as the card gave them, and the code printed for them. */
interface SealedHolder {
  holder: ProofHolder;
  verificationCode: string;
}

interface ProofRow {
  proof_id: string;
  hall_id: string;
  terminal_id: string;
  item_code: string;
  item_name_zh: string;
  item_name_en: string;
  department_name: string;
  holder_masked_name: string;
  holder_sealed: string | null;
  issued_at: number;
}

/** 80 random bits as 16 Crockford base32 characters in four groups. */
export function newVerificationCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += VERIFICATION_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/**
 * A typed or scanned code as stored: upper case, the misreadable letters read as Crockford says
 * (O → 0, I and L → 1), dashes and spaces dropped and put back. Anything else is no code at all.
 */
export function normaliseVerificationCode(input: string): string | undefined {
  const plain = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(plain)) return undefined;
  return plain.match(/.{4}/g)!.join('-');
}

export function codeDigest(code: string): string {
  return createHash('sha256').update(`proof-code:${code}`).digest('hex');
}

function recordOf(row: ProofRow): ProofRecord {
  return {
    proofId: row.proof_id,
    hallId: row.hall_id,
    terminalId: row.terminal_id,
    itemCode: row.item_code,
    itemName: { zh: row.item_name_zh, en: row.item_name_en },
    departmentName: row.department_name,
    holderMaskedName: row.holder_masked_name,
    issuedAt: row.issued_at,
  };
}

export class ProofStore {
  private readonly stmts;

  constructor(
    db: CentralDatabase,
    private readonly sealer: Sealer,
  ) {
    this.stmts = {
      insert: db.prepare<
        [string, string, string, string, string, string, string, string, string, string, number]
      >(
        `INSERT INTO proofs (proof_id, code_digest, hall_id, terminal_id, item_code, item_name_zh, item_name_en,
           department_name, holder_masked_name, holder_sealed, issued_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      byId: db.prepare<[string], ProofRow>('SELECT * FROM proofs WHERE proof_id = ?'),
      byCode: db.prepare<[string], ProofRow>('SELECT * FROM proofs WHERE code_digest = ?'),
      forget: db.prepare<[number]>(
        'UPDATE proofs SET holder_sealed = NULL WHERE holder_sealed IS NOT NULL AND issued_at < ?',
      ),
    };
  }

  /** Keeps a new certificate; answers its code, which exists in clear only in the sealed record. */
  create(record: ProofRecord, holder: ProofHolder): { verificationCode: string } {
    const verificationCode = newVerificationCode();
    const sealed: SealedHolder = { holder, verificationCode };
    this.stmts.insert.run(
      record.proofId,
      codeDigest(verificationCode),
      record.hallId,
      record.terminalId,
      record.itemCode,
      record.itemName.zh,
      record.itemName.en,
      record.departmentName,
      record.holderMaskedName,
      this.sealer.seal(sealed, record.proofId),
      record.issuedAt,
    );
    return { verificationCode };
  }

  get(proofId: string): ProofRecord | undefined {
    const row = this.stmts.byId.get(proofId);
    return row && recordOf(row);
  }

  /** The holder and code of a certificate, while its retention lasts. */
  holderOf(proofId: string): SealedHolder | undefined {
    const row = this.stmts.byId.get(proofId);
    if (!row?.holder_sealed) return undefined;
    return this.sealer.open<SealedHolder>(row.holder_sealed, row.proof_id);
  }

  byVerificationCode(code: string): ProofRecord | undefined {
    const row = this.stmts.byCode.get(codeDigest(code));
    return row && recordOf(row);
  }

  /** Drops the sealed holders of certificates issued before `before`; answers how many. */
  forgetHolders(before: number): number {
    return this.stmts.forget.run(before).changes;
  }
}

export function newProofId(issuedOn: string): string {
  return `PF${issuedOn.replace(/-/g, '')}${randomBytes(5).toString('hex').toUpperCase()}`;
}
