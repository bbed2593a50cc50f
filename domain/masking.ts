/**
 * Masks for the personal fields of an application that the ID-card masks do not cover. Screens
 * and paper show these; the clear values stay in the session (card) or the request (typed phone).
 */

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/**
 * Keeps the start of an address down to about the district (at most 6 characters and never more
 * than half of it) and hides the rest: 浙江省杭州市上城区解放路1号 → 浙江省杭州市********.
 */
export function maskAddress(address: string): string {
  const chars = Array.from(address.trim());
  if (chars.length === 0) return '';
  const keep = Math.min(6, Math.floor(chars.length / 2));
  return chars.slice(0, keep).join('') + '*'.repeat(Math.min(8, chars.length - keep));
}
