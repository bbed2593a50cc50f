import { describe, expect, it } from 'vitest';
import { createLog, originForLog } from './log';

describe('log', () => {
  it('writes one JSON line per event', () => {
    const lines: string[] = [];
    createLog((line) => lines.push(line))('warn', 'shell.navigation.blocked', { origin: 'https://x' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'warn', event: 'shell.navigation.blocked' });
  });

  it('keeps only the origin of a refused URL', () => {
    expect(originForLog('https://evil.example/p?id=110101199001011234')).toBe('https://evil.example');
    expect(originForLog('javascript:alert(1)')).toBe('javascript:');
    expect(originForLog('nope')).toBe('(unparseable)');
  });
});
