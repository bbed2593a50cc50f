import { describe, expect, it } from 'vitest';
import { verificationCodeSchema } from './contract';
import { codeDigest, newVerificationCode, normaliseVerificationCode } from './store';

describe('verification codes', () => {
  it('are four groups of four Crockford characters, and do not repeat', () => {
    const codes = Array.from({ length: 2000 }, newVerificationCode);
    for (const code of codes) expect(verificationCodeSchema.safeParse(code).success, code).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character of the alphabet turns up: the bits are spread, not stuck.
    expect(new Set(codes.join('').replace(/-/g, '')).size).toBe(32);
  });

  it('are read back as people type them: any case, no dashes or spaces, O for 0 and I or L for 1', () => {
    expect(normaliseVerificationCode('7k3m q9xp 2d4f ht8r')).toBe('7K3M-Q9XP-2D4F-HT8R');
    expect(normaliseVerificationCode('7K3MQ9XP2D4FHT8R')).toBe('7K3M-Q9XP-2D4F-HT8R');
    expect(normaliseVerificationCode('O0IL-0000-0000-0000')).toBe('0011-0000-0000-0000');
  });

  it('are nothing at all when too short, too long or with a letter the alphabet leaves out', () => {
    for (const bad of [
      '',
      '7K3M-Q9XP-2D4F',
      '7K3M-Q9XP-2D4F-HT8R-0000',
      'UUUU-0000-0000-0000',
      '../../etc/passwd',
    ]) {
      expect(normaliseVerificationCode(bad), bad).toBeUndefined();
    }
  });

  it('are looked up by a digest: the same for the same code, another for one character off', () => {
    const digest = codeDigest('7K3M-Q9XP-2D4F-HT8R');
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(codeDigest('7K3M-Q9XP-2D4F-HT8R')).toBe(digest);
    expect(codeDigest('7K3M-Q9XP-2D4F-HT8S')).not.toBe(digest);
  });
});
