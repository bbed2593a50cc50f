/** ISO 7064 MOD 11-2 as used by GB 11643 citizen identity numbers. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits. Throws on anything but 17 digits (a bug). */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** 18 characters, 17 digits, and the right check character (an upper-case X, as cards store it). */
export function validateIdNumber(s: string): boolean {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  return idCheckCharacter(s.slice(0, 17)) === s[17];
}
