import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Sealing of the applicant record (name, ID number, phone, address) with AES-256-GCM. The key is
 * never stored in the database, so a copy of the database does not reveal ID numbers. Each blob is
 * bound to its case id (additional authenticated data): a blob moved to another row fails to open.
 */
const KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT = 'v1';

export class Sealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`the case data key must be ${KEY_BYTES} bytes`);
  }

  seal(plain: unknown, boundTo: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo));
    const body = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    return [
      FORMAT,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      body.toString('base64'),
    ].join('.');
  }

  open<T>(sealed: string, boundTo: string): T {
    const [format, iv, tag, body] = sealed.split('.');
    if (format !== FORMAT || !iv || !tag || body === undefined) throw new Error('not a sealed record');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as T;
  }
}

/**
 * The case data key: `CENTRAL_DATA_KEY` (64 hex characters or base64 of 32 bytes) when set;
 * otherwise a key file beside the database (`<db>.key`, created with mode 0600 on first start;
 * keep it out of database backups); an in-memory database gets a key for the process only.
 */
export function loadDataKey(dbPath: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const configured = env.CENTRAL_DATA_KEY?.trim();
  if (configured) {
    const key = /^[0-9a-fA-F]{64}$/.test(configured)
      ? Buffer.from(configured, 'hex')
      : Buffer.from(configured, 'base64');
    if (key.length !== KEY_BYTES) throw new Error('CENTRAL_DATA_KEY must be 32 bytes (64 hex or base64)');
    return key;
  }
  if (dbPath === ':memory:' || dbPath === '') return randomBytes(KEY_BYTES);
  const keyPath = `${dbPath}.key`;
  if (!existsSync(keyPath)) {
    try {
      writeFileSync(keyPath, randomBytes(KEY_BYTES).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it between the check and the write: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'hex');
  if (key.length !== KEY_BYTES) throw new Error(`${keyPath} does not hold a 32-byte hex key`);
  return key;
}
