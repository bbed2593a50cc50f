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

/**
 * Keeps the 6-digit region code and the last 4 characters, as screens and receipts show it:
 * 330106198001011234 → 330106********1234. Shorter numbers (foreigner cards) keep less so that most
 * of the number is always hidden.
 */
export function maskIdNumber(id: string): string {
  const chars = Array.from(id);
  const n = chars.length;
  const [head, tail] = n >= 14 ? [6, 4] : n >= 8 ? [2, 2] : [0, Math.min(1, n - 1)];
  return chars.map((c, i) => (i < head || i >= n - tail ? c : '*')).join('');
}

/**
 * Keeps the first character and masks every other visible one: 张三 → 张*, John Smith → J*** *****.
 * A one-character name becomes '*', since its only character is the whole name.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.length === 0 ? '' : '*';
  return chars[0]! + chars.slice(1).join('').replace(/\S/gu, '*');
}
