/**
 * How screens and paper show a citizen's personal fields. The clear values stay in the session
 * (card) or the request (typed phone); only these masked forms are shown, printed or kept.
 */

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
