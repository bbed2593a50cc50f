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

// Each level of a Chinese address, in the order it is written. A segment never holds a digit, so
// the visible part can never reach a house, building or room number. Hand-written: no kept npm
// package parses PRC addresses without shipping a national region table this mask does not need.
const MUNICIPALITY = /^(?:北京市|天津市|上海市|重庆市)/u;
const ADDRESS_LEVELS: readonly RegExp[] = [
  /^[^\d０-９省市区县]{1,10}?(?:省|自治区|特别行政区)/u,
  /^[^\d０-９省市区县]{1,10}?(?:自治州|地区|盟|市)/u,
  /^[^\d０-９省市区县]{1,10}?(?:区|县|旗|市)/u,
  /^[^\d０-９]{1,10}?(?:街道|镇|乡)/u,
  /^[^\d０-９]{1,12}?(?:大道|胡同|路|街|巷|道|村)/u,
];

/** The visible head of an address: its province, city, district, town and street, as far as present. */
function addressHead(address: string): string {
  let rest = address;
  let head = '';
  const municipality = MUNICIPALITY.exec(rest);
  // A municipality is its own province and city; what follows is already the district.
  const levels = municipality ? ADDRESS_LEVELS.slice(2) : ADDRESS_LEVELS;
  if (municipality) {
    head = municipality[0];
    rest = rest.slice(head.length);
  }
  for (const level of levels) {
    const m = level.exec(rest);
    if (!m) continue;
    head += m[0];
    rest = rest.slice(m[0].length);
  }
  return head;
}

/**
 * Shows what a citizen needs to check that the address is theirs — province, city, district, town
 * and street — and hides the house number, building and room: 浙江省杭州市上城区解放路1号 →
 * 浙江省杭州市上城区解放路**. An address that does not read as province-first keeps at most half of
 * itself and nothing from its first digit on.
 */
export function maskAddress(address: string): string {
  const text = address.trim();
  const chars = Array.from(text);
  if (chars.length === 0) return '';
  let head = addressHead(text);
  if (head === '') {
    const firstDigit = chars.findIndex((c) => /[\d０-９]/u.test(c));
    const keep = Math.min(6, Math.floor(chars.length / 2), firstDigit < 0 ? Infinity : firstDigit);
    head = chars.slice(0, keep).join('');
  }
  const hidden = chars.length - Array.from(head).length;
  return head + '*'.repeat(Math.min(8, hidden));
}
