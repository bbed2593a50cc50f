import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchLogs } from './log-search';

describe('log search', () => {
  it('finds lines by event or prefix, newest first, across rotated files', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kiosk-log-')), 'kiosk.log');
    const line = (event: string, n: number) => `${JSON.stringify({ level: 30, time: `t${n}`, event, n })}\n`;
    writeFileSync(`${path}.1`, line('outbox.retry', 1) + line('kiosk.started', 2));
    writeFileSync(path, line('outbox.delivered', 3) + 'not json\n' + line('outbox.retry', 4));
    expect(searchLogs(path, { event: 'outbox.retry' }).map((l) => l.fields.n)).toEqual([4, 1]);
    expect(searchLogs(path, { event: 'outbox.' }).map((l) => l.fields.n)).toEqual([4, 3, 1]);
    expect(searchLogs(path, { failuresOnly: true }).map((l) => l.event)).toEqual([
      'outbox.retry',
      'outbox.retry',
    ]);
    expect(searchLogs(path, { limit: 2 })).toHaveLength(2);
    expect(searchLogs(path)[0]).toMatchObject({ time: 't4', outcome: 'failure', event: 'outbox.retry' });
    expect(searchLogs(undefined)).toEqual([]);
  });
});
