import { describe, expect, it } from 'vitest';
import { PIN_HASH_PATTERN } from '../../../kiosk-config/schema';
import { hashPin, verifyPin } from './pin-hash';

describe('maintenance PIN hash', () => {
  it('stores scrypt$N$r$p$salt$hash and verifies only the right PIN', async () => {
    const stored = await hashPin('246810');
    expect(stored).toMatch(PIN_HASH_PATTERN);
    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(stored).not.toContain('246810');
    expect(await verifyPin('246810', stored)).toBe(true);
    expect(await verifyPin('246811', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const params = { N: 1024, r: 8, p: 1 };
    expect(await hashPin('123456', params)).not.toBe(await hashPin('123456', params));
  });

  it('refuses PINs that are not 6 to 12 digits', async () => {
    await expect(hashPin('12345')).rejects.toThrow(/6 to 12 digits/);
    await expect(hashPin('12345a')).rejects.toThrow(/6 to 12 digits/);
  });

  it('treats malformed or absurd hashes as no match', async () => {
    expect(await verifyPin('123456', 'plain-123456')).toBe(false);
    expect(await verifyPin('123456', 'scrypt$3$8$1$AAAA$AAAA')).toBe(false);
    expect(
      await verifyPin('123456', `scrypt$${2 ** 24}$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(44)}`),
    ).toBe(false);
  });
});
