import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakOpportunities, NO_LINE_END, NO_LINE_START, wrapParagraph } from './line-break';

/** As on a receipt printer in Chinese mode: CJK two columns, ASCII one. */
const columnsOf = (ch: string) => (ch.codePointAt(0)! < 0x80 ? 1 : 2);
const wrap = (text: string, columns: number) => wrapParagraph(text, columns, columnsOf);
const width = (line: string) => Array.from(line).reduce((n, ch) => n + columnsOf(ch), 0);

describe('Chinese line breaking', () => {
  it('never starts a line with "）": the character before it moves down with it', () => {
    // 16 columns hold 8 characters; "）" is the 9th.
    expect(wrap('户口簿（户籍窗口）办理', 16)).toEqual(['户口簿（户籍窗', '口）办理']);
    expect(wrap('请到综合窗口办理。谢谢', 16)).toEqual(['请到综合窗口办', '理。谢谢']);
  });

  it('never ends a line with "（" or leaves a bullet "·" alone on its line', () => {
    expect(wrap('材料清单（原件）', 10)).toEqual(['材料清单', '（原件）']);
    const bullet = wrap('· 不动产权证书（市规划和自然资源局，取B类号）', 32);
    expect(bullet[0]!.startsWith('· 不动产')).toBe(true);
    for (const line of bullet) expect(line.trim()).not.toBe('·');
  });

  it('keeps "·" and "…" off the start of a line', () => {
    expect(wrap('一二三四五六七·八', 14)).toEqual(['一二三四五六', '七·八']);
    expect(wrap('一二三四五六七…', 14)).toEqual(['一二三四五六', '七…']);
  });

  it('breaks Latin text at spaces and drops the space at the end of a line', () => {
    expect(wrap('hello world again', 11)).toEqual(['hello world', 'again']);
    expect(wrap('', 32)).toEqual(['']);
    expect(wrap('supercalifragilistic', 8)).toEqual(['supercal', 'ifragili', 'stic']);
  });

  it('offers no break before closing or after opening punctuation', () => {
    const text = '（甲）乙，丙。「丁」';
    for (const i of breakOpportunities(text)) {
      if (i === text.length) continue;
      expect(NO_LINE_START.has(text[i]!)).toBe(false);
      expect(NO_LINE_END.has(text[i - 1]!)).toBe(false);
    }
  });

  it('keeps every line within the width, every character in order, and the rules, for any text', () => {
    // A word, then at most one mark; a space stands alone. Marks piled up with spaces between them
    // ("》 、 ％") can be wider than a line, and no wrapping could obey the rules then: that case is
    // the next test's.
    const piece = fc.oneof(
      fc.tuple(
        fc.constantFrom('办件号', '窗口', '领取', '材料', 'A', '7', 'No. '),
        fc.constantFrom('', ...NO_LINE_START, ...NO_LINE_END),
      ),
      fc.constant([' ', ''] as [string, string]),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 8, max: 48 }), (pieces, columns) => {
        const text = pieces.map(([word, mark]) => word + mark).join('');
        const lines = wrap(text, columns);
        for (const line of lines) expect(width(line)).toBeLessThanOrEqual(columns);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
        lines.forEach((line, i) => {
          if (i > 0) expect(NO_LINE_START.has(Array.from(line)[0] ?? '')).toBe(false);
          if (i < lines.length - 1) expect(NO_LINE_END.has(Array.from(line).at(-1) ?? '')).toBe(false);
        });
      }),
    );
  });

  it('keeps the width and every character when marks pile up wider than a line', () => {
    // 号》 、 ％ needs 10 columns on one line, since none of 》、％ may start a line.
    const lines = wrap('办件号》 、 ％', 8);
    for (const line of lines) expect(width(line)).toBeLessThanOrEqual(8);
    expect(lines.join('').replace(/ /g, '')).toBe('办件号》、％');
  });
});
