import LineBreaker from 'linebreak';

/**
 * Line breaking with Chinese rules (禁则, kinsoku) for paper. Break opportunities come from the
 * Unicode Line Breaking Algorithm (UAX #14, the `linebreak` package), tailored for Simplified
 * Chinese: UAX #14 leaves "·" (U+00B7, class AI) free to start or end a line, and a bullet "· "
 * may be cut from its text at the space, so both sides of these marks are closed here.
 */

/** No line starts with these: closing brackets and quotes, sentence and clause marks, "·", "…". */
export const NO_LINE_START = new Set(Array.from('）」』】〉》〕〗］｝’”，。、；：！？·・…‥％‰)]},.;:!?%'));

/** No line ends with these: opening brackets and quotes. */
export const NO_LINE_END = new Set(Array.from('（「『【〈《〔〖［｛‘“([{'));

/** String indices where a new line may start in `text` (never 0; the end of the text last). */
export function breakOpportunities(text: string): number[] {
  const breaker = new LineBreaker(text);
  const found: number[] = [];
  for (let b = breaker.nextBreak(); b !== null; b = breaker.nextBreak()) {
    if (b.position >= text.length || allowedAt(text, b.position)) found.push(b.position);
  }
  if (found.at(-1) !== text.length) found.push(text.length);
  return found;
}

/** Whether the kinsoku rules let a line end just before index `i` and the next start at it. */
function allowedAt(text: string, i: number): boolean {
  const next = String.fromCodePoint(text.codePointAt(i)!);
  const before = text.slice(0, i).trimEnd();
  const last = Array.from(before).at(-1);
  if (last === undefined) return false;
  if (NO_LINE_START.has(next) || NO_LINE_END.has(last)) return false;
  // A bullet "· " stays with what it introduces: never alone at the end of a line.
  return last !== '·';
}

/**
 * Wraps one paragraph (no newlines) to `columns`, measuring each character with `widthOf`.
 * Lines end at break opportunities; spaces at the end of a line are dropped. A run with no
 * opportunity wider than a line is cut by characters, and then a closing mark that would start
 * the next line takes the character before it along (追い出し), so the rule still holds.
 */
export function wrapParagraph(text: string, columns: number, widthOf: (ch: string) => number): string[] {
  const width = (s: string) => Array.from(s).reduce((n, ch) => n + widthOf(ch), 0);
  const lines: string[] = [];
  let line = '';
  let start = 0;
  for (const end of breakOpportunities(text)) {
    const segment = text.slice(start, end);
    start = end;
    if (width((line + segment).trimEnd()) <= columns) {
      line += segment;
      continue;
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
    let rest = segment;
    while (width(rest.trimEnd()) > columns) {
      const [head, tail] = cut(rest, columns, widthOf);
      lines.push(head);
      rest = tail;
    }
    line = rest;
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** The widest head of `s` that fits, moved back so that neither side breaks the rules if it can. */
function cut(s: string, columns: number, widthOf: (ch: string) => number): [string, string] {
  const chars = Array.from(s);
  let n = 0;
  let used = 0;
  while (n < chars.length && used + widthOf(chars[n]!) <= columns) used += widthOf(chars[n++]!);
  n = Math.max(1, n);
  const split = (k: number): [string, string] => [
    chars.slice(0, k).join('').trimEnd(),
    chars.slice(k).join('').trimStart(),
  ];
  for (let k = n; k >= 1; k--) {
    const [head, tail] = split(k);
    const last = Array.from(head).at(-1);
    if (last !== undefined && !NO_LINE_END.has(last) && !NO_LINE_START.has(Array.from(tail)[0] ?? '')) {
      return [head, tail];
    }
  }
  return split(n);
}
