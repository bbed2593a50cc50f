import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestLogger } from './logger';
import { logFiles, RotatingFile } from './rotating-file';

describe('rotating log file', () => {
  it('rotates by size and keeps the newest files', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kiosk-log-')), 'logs', 'kiosk.log');
    const file = new RotatingFile({ path, maxBytes: 100, keep: 2 });
    for (let i = 0; i < 10; i++) file.write(`${JSON.stringify({ n: i, pad: 'x'.repeat(30) })}\n`);
    file.close();
    const files = logFiles(path, 2);
    expect(files).toEqual([path, `${path}.1`, `${path}.2`]);
    for (const f of files) expect(readFileSync(f).length).toBeLessThanOrEqual(100);
    // Newest line in the live file; the oldest lines were dropped.
    expect(readFileSync(path, 'utf8')).toContain('"n":9');
    expect(files.map((f) => readFileSync(f, 'utf8')).join('')).not.toContain('"n":0');
  });

  it('takes JSON lines from the kiosk logger, personal keys censored', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kiosk-log-')), 'kiosk.log');
    const logger = createTestLogger({ file: { path } });
    logger.info('kiosk.started', { terminalId: 'T-1', name: '张三' });
    const line = JSON.parse(readFileSync(path, 'utf8').trim()) as Record<string, unknown>;
    expect(line).toMatchObject({
      event: 'kiosk.started',
      terminalId: 'T-1',
      name: '[personal data removed]',
    });
  });
});
