import { describe, expect, it } from 'vitest';
import { cspHeader } from './csp';

function directives(): Map<string, string[]> {
  return new Map(
    cspHeader()
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name ?? '', values]),
  );
}

describe('cspHeader', () => {
  it("starts from default-src 'self'", () => {
    expect(directives().get('default-src')).toEqual(["'self'"]);
  });

  it('adds only data: images beyond self', () => {
    expect(directives().get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('never allows inline or eval script, remote hosts or wildcards', () => {
    const header = cspHeader();
    expect(header).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(directives().has('script-src')).toBe(false);
    expect(directives().has('connect-src')).toBe(false);
  });

  it('closes the directives that do not fall back to default-src', () => {
    const d = directives();
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });
});
