import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function startWith(config: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-start-'));
  const path = join(dir, 'kiosk.json');
  writeFileSync(path, config);
  return spawnSync(tsx, ['electron/backend/browser-host.ts', '--config', path, '--no-open'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, KIOSK_LOG_LEVEL: 'silent' },
  });
}

describe('starting with a wrong config file', () => {
  it('stops before anything starts, naming field, value and expectation, without a stack trace', () => {
    const result = startWith(JSON.stringify({ central: { mode: 'remote' }, idle: { sessionSeconds: 5 } }));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'central.baseUrl: got nothing, expected a remote central API needs its base URL',
    );
    expect(result.stderr).toContain('idle.sessionSeconds: got 5');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain('Kiosk browser host:');
  });

  it('says so plainly when the file is not JSON', () => {
    const result = startWith('{ not json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('is not valid JSON');
  });
});
