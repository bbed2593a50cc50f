import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM: authenticated, so a tampered or misplaced blob fails to open instead of lying. */
const ALGORITHM = 'aes-256-gcm';
const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const STORE_KEY_BYTES = 32;

export class SealError extends Error {
  override name = 'SealError';
}

/**
 * Seals the personal fields of a queued action. The associated data binds each blob to its row
 * (the idempotency key), so a blob copied onto another row does not open.
 */
export class FieldCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== STORE_KEY_BYTES) throw new SealError(`store key must be ${STORE_KEY_BYTES} bytes`);
  }

  seal(value: unknown, associatedData: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body]);
  }

  open(blob: Buffer, associatedData: string): unknown {
    if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== FORMAT_VERSION) {
      throw new SealError('sealed field has an unknown format');
    }
    const iv = blob.subarray(1, 1 + IV_BYTES);
    const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv(ALGORITHM, this.key, iv);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      const text = Buffer.concat([
        decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
      return JSON.parse(text) as unknown;
    } catch {
      throw new SealError('sealed field does not open with this key (wrong key, or the data was altered)');
    }
  }
}
