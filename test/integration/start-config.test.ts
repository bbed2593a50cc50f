import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigEditor } from '../../electron/backend/maintenance/config-editor';
import { failedPathOf, lastGoodPathOf } from '../../electron/backend/maintenance/config-rollback';

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

/**
 * The Electron shell's backend entry, as the shell starts it: resolves with its exit code and output
 * once it exits, or once it says it is ready (then it is stopped).
 */
function startBackend(
  configPath: string,
): Promise<{ ready: boolean; status: number | null; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-sock-'));
  const child = spawn(tsx, ['electron/backend/process-main.ts', '--config', configPath], {
    env: {
      ...process.env,
      KIOSK_API_SOCKET: join(dir, 'api.sock'),
      KIOSK_API_SECRET: 'a'.repeat(48),
      KIOSK_LOG_LEVEL: 'info',
      KIOSK_STORE_KEY: '',
    },
  });
  let stdout = '';
  let stderr = '';
  let ready = false;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (!ready && stdout.includes('KIOSK_BACKEND_READY')) {
      ready = true;
      child.kill('SIGTERM');
    }
  });
  return new Promise((resolve) => child.on('exit', (status) => resolve({ ready, status, stdout, stderr })));
}

describe("starting the backend with a configuration that names what is not the kiosk's", () => {
  it('refuses store.keyFile "/etc/passwd" with exit 2 and a plain message: no stack trace, no chmod of a system file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-start-'));
    const path = join(dir, 'kiosk.json');
    writeFileSync(path, JSON.stringify({ dataDir: join(dir, 'data'), store: { keyFile: '/etc/passwd' } }));
    const result = await startBackend(path);
    expect(result.ready).toBe(false);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('store.keyFile: got "/etc/passwd", expected a file of the kiosk\'s own');
    expect(result.stderr).not.toContain('chmod');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('undoes a maintenance edit the kiosk cannot start with, by itself, and starts with the last good one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-start-'));
    const path = join(dir, 'kiosk.json');
    const good = {
      terminalId: 'KIOSK-GOOD-9',
      dataDir: join(dir, 'data'),
      store: { keyFile: join(dir, 'keys', 'store.key') },
    };
    writeFileSync(path, JSON.stringify(good, null, 2));
    expect((await startBackend(path)).ready).toBe(true);
    expect(existsSync(lastGoodPathOf(path))).toBe(true);

    const keys = join(dir, 'new-keys');
    const edited = new ConfigEditor(path).apply(
      JSON.stringify({ ...good, terminalId: 'KIOSK-EDIT-9', store: { keyFile: join(keys, 'store.key') } }),
    );
    expect(edited.ok).toBe(true);
    mkdirSync(keys, { mode: 0o700 });
    chownSync(keys, 65534, 65534);

    const result = await startBackend(path);
    expect(result.ready, result.stderr).toBe(true);
    expect(result.stderr).toContain('config.restored-last-good');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(good);
    expect(JSON.parse(readFileSync(failedPathOf(path), 'utf8'))).toMatchObject({
      terminalId: 'KIOSK-EDIT-9',
    });
  }, 90_000);
});
