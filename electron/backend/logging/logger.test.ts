import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestLogger } from './logger';

describe('test logger', () => {
  it('keeps every line, debug included, and finds the lines of one event', () => {
    const logger = createTestLogger();
    logger.info('kiosk.started', { terminalId: 'T-1' });
    logger.warn('device.status', { device: 'idCardReader', state: 'faulty' });
    logger.error('device.status', { device: 'receiptPrinter', state: 'disconnected' });

    expect(logger.lines).toHaveLength(3);
    expect(logger.events('device.status')).toEqual([
      expect.objectContaining({ level: 40, device: 'idCardReader', state: 'faulty' }),
      expect.objectContaining({ level: 50, device: 'receiptPrinter', state: 'disconnected' }),
    ]);
    expect(logger.events('kiosk.stopped')).toEqual([]);
  });

  it('censors personal keys as the kiosk log does', () => {
    const logger = createTestLogger();
    logger.info('kiosk.started', {
      terminalId: 'T-1',
      citizen: { name: '张三', idNumber: '110101199003070011' },
    });

    expect(logger.lines.join('\n')).not.toContain('张三');
    expect(logger.events('kiosk.started')[0]).toMatchObject({ citizen: '[personal data removed]' });
  });

  it('also writes the rotating log file when given one', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kiosk-log-')), 'kiosk.log');
    const logger = createTestLogger({ file: { path } });
    logger.info('kiosk.started', { terminalId: 'T-1' });

    expect(readFileSync(path, 'utf8').trim()).toBe(logger.lines[0]?.trim());
  });
});
