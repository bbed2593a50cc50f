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
 * The birth date (YYYY-MM-DD) a valid resident ID number carries in digits 7 to 14, or undefined
 * when the number is not valid or those digits are not a calendar date.
 */
export function birthDateOfIdNumber(idNumber: string): string | undefined {
  if (!validateIdNumber(idNumber)) return undefined;
  const y = Number(idNumber.slice(6, 10));
  const m = Number(idNumber.slice(10, 12));
  const d = Number(idNumber.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/**
 * Whole years (周岁) between a YYYY-MM-DD birth date and a YYYY-MM-DD day: one more on each
 * birthday. Throws on a malformed date (a caller bug: dates come from a card or an ID number).
 */
export function ageOn(birthDate: string, day: string): number {
  const parse = (s: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new RangeError('ageOn needs YYYY-MM-DD dates');
    return s.split('-').map(Number) as [number, number, number];
  };
  const [by, bm, bd] = parse(birthDate);
  const [y, m, d] = parse(day);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
