import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

/**
 * One register and one set of terms (the rule is written at the top of zh-CN.ts): 您, never 你;
 * 等候 or 待…, never 等待. Checked over every screen string and over every Chinese string literal of
 * the code that words slips, notices and messages (the kiosk backend, the central, the domain), so
 * a slip's wording cannot drift from the screen's.
 */
const WRONG = [
  { term: '你', why: 'the citizen is 您' },
  { term: '等待', why: 'a person 等候; a thing is 待…' },
];

function offences(text: string): string[] {
  return WRONG.filter((w) => text.includes(w.term)).map((w) => `${w.term} (${w.why})`);
}

function screenStrings(node: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof node === 'string') out.push([path, node]);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) screenStrings(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

/** The string literals (and template parts) of a TypeScript source: comments do not count. */
export function stringLiterals(source: string, fileName = 'x.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      out.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['electron/backend', 'central', 'domain', 'drivers', 'renderer/src'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !/\.(test|d)\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe('one register and one set of terms', () => {
  it('finds the wrong terms in literals and not in comments', () => {
    const code = "// 你 comment\nconst a = '你好'; const b = `请${x}等待`; const c = '请稍候';";
    expect(stringLiterals(code).flatMap(offences)).toEqual([
      '你 (the citizen is 您)',
      '等待 (a person 等候; a thing is 待…)',
    ]);
  });

  it('every Chinese screen string says 您 and 等候', () => {
    const wrong = screenStrings(zhCN, '', [])
      .map(([key, text]) => ({ key, text, offences: offences(text) }))
      .filter((s) => s.offences.length > 0);
    expect(wrong).toEqual([]);
  });

  it('every slip, notice and message in the code says 您 and 等候', () => {
    const wrong: { file: string; text: string; offences: string[] }[] = [];
    for (const dir of SCANNED) {
      for (const path of sources(join(ROOT, dir))) {
        for (const text of stringLiterals(readFileSync(path, 'utf8'), path)) {
          const found = offences(text);
          if (found.length > 0) wrong.push({ file: relative(ROOT, path), text, offences: found });
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
