import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PIN_HASH_PATTERN } from '../../../kiosk-config/schema';

/**
 * The maintenance PIN is kept only as a slow hash: `scrypt$N$r$p$salt$hash` (salt and hash in
 * base64). N = 2^15, r = 8, p = 1 takes about 0.1 s and 32 MiB per try on a kiosk PC, which makes
 * guessing a 6-digit PIN from a stolen config file slow; the lock-out stops guessing at the screen.
 */
export const PIN_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

/** A PIN is 6 to 12 digits: typed on the on-screen PIN pad. */
export const PIN_PATTERN = /^\d{6,12}$/;

function scrypt(pin: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(pin, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function scryptOptions(N: number, r: number, p: number): ScryptOptions {
  // Node's default maxmem (32 MiB) is exactly 128*N*r for the defaults; leave head room.
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

export async function hashPin(pin: string, params: { N: number; r: number; p: number } = PIN_SCRYPT) {
  if (!PIN_PATTERN.test(pin)) throw new Error('A maintenance PIN is 6 to 12 digits.');
  const salt = randomBytes(SALT_BYTES);
  const hash = await scrypt(pin, salt, HASH_BYTES, scryptOptions(params.N, params.r, params.p));
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** True when `pin` matches the stored hash; false for a wrong PIN or a malformed hash. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  if (!PIN_HASH_PATTERN.test(stored)) return false;
  const [, n, r, p, salt, hash] = stored.split('$');
  const N = Number(n);
  const expected = Buffer.from(hash!, 'base64');
  // A hash with absurd parameters (edited by hand) is refused rather than run.
  if (!Number.isInteger(Math.log2(N)) || N > 2 ** 20 || Number(r) > 32 || Number(p) > 16) return false;
  if (expected.length < 16) return false;
  const actual = await scrypt(
    pin,
    Buffer.from(salt!, 'base64'),
    expected.length,
    scryptOptions(N, Number(r), Number(p)),
  );
  return timingSafeEqual(actual, expected);
}
