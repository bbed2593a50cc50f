import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CLI_BROKEN_EXIT_CODE,
  CLI_BUNDLE,
  kioskConfigArguments,
  runKioskConfigMode,
  type CliModeApp,
} from './cli-mode';

describe('kioskConfigArguments', () => {
  it('is undefined for the kiosk itself', () => {
    expect(kioskConfigArguments(['/opt/Kiosk Terminal/kiosk-terminal', '--ozone-platform=wayland'])).toBe(
      undefined,
    );
  });

  it('takes everything after the flag, and none of the Chromium switches before it', () => {
    expect(
      kioskConfigArguments([
        '/opt/Kiosk Terminal/kiosk-terminal',
        '--ozone-platform=headless',
        '--kiosk-config',
        'validate',
        '--config',
        '/etc/kiosk/kiosk.json',
      ]),
    ).toEqual(['validate', '--config', '/etc/kiosk/kiosk.json']);
    expect(kioskConfigArguments(['app', '--kiosk-config'])).toEqual([]);
  });

  it('does not take a flag that only starts with the same word', () => {
    expect(kioskConfigArguments(['app', '--kiosk-config-x', 'validate'])).toBe(undefined);
  });
});

describe('runKioskConfigMode', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function appWithBundle(source: string | undefined): CliModeApp & { exits: number[] } {
    const appRoot = mkdtempSync(path.join(os.tmpdir(), 'cli-mode-'));
    dirs.push(appRoot);
    if (source !== undefined) {
      mkdirSync(path.dirname(path.join(appRoot, CLI_BUNDLE)), { recursive: true });
      writeFileSync(path.join(appRoot, CLI_BUNDLE), source);
    }
    const exits: number[] = [];
    return { exits, getAppPath: () => appRoot, exit: (code) => void exits.push(code) };
  }

  const flush = () => Promise.resolve();

  it('runs the bundled CLI with its arguments and ends the app with its exit code', async () => {
    const app = appWithBundle(
      'export async function runFromProcess(argv) { globalThis.__cliSeen = argv; return argv.length === 2 ? 2 : 0; }',
    );
    const errors: string[] = [];
    const code = await runKioskConfigMode(['validate', 'x.json'], {
      app,
      flush,
      stderr: (t) => void errors.push(t),
    });
    expect(code).toBe(2);
    expect(app.exits).toEqual([2]);
    expect((globalThis as { __cliSeen?: unknown }).__cliSeen).toEqual(['validate', 'x.json']);
    expect(errors).toEqual([]);
  });

  it('a missing bundle ends with 70 and names the file, in Chinese and English', async () => {
    const app = appWithBundle(undefined);
    const errors: string[] = [];
    const code = await runKioskConfigMode(['--help'], { app, flush, stderr: (t) => void errors.push(t) });
    expect(code).toBe(CLI_BROKEN_EXIT_CODE);
    expect(app.exits).toEqual([CLI_BROKEN_EXIT_CODE]);
    const text = errors.join('');
    expect(text).toContain(path.join(app.getAppPath(), CLI_BUNDLE));
    expect(text).toContain('安装不完整');
    expect(text).toContain('reinstall kiosk-terminal');
  });

  it('a bundle without the CLI entry ends with 70', async () => {
    const app = appWithBundle('export const nothing = 1;');
    const errors: string[] = [];
    const code = await runKioskConfigMode([], { app, flush, stderr: (t) => void errors.push(t) });
    expect(code).toBe(CLI_BROKEN_EXIT_CODE);
    expect(errors.join('')).toContain('has no runFromProcess');
  });

  it('an unexpected failure inside the CLI ends with 70 and one line, not a stack trace', async () => {
    const app = appWithBundle('export async function runFromProcess() { throw new Error("disk on fire"); }');
    const errors: string[] = [];
    const code = await runKioskConfigMode(['self-test'], { app, flush, stderr: (t) => void errors.push(t) });
    expect(code).toBe(CLI_BROKEN_EXIT_CODE);
    expect(errors).toEqual(['kiosk-config: unexpected error: disk on fire\n']);
  });

  it('exits only after what the CLI wrote has been flushed', async () => {
    const app = appWithBundle('export async function runFromProcess() { return 0; }');
    const order: string[] = [];
    await runKioskConfigMode([], {
      app: { getAppPath: app.getAppPath, exit: (code) => void order.push(`exit ${code}`) },
      flush: () => {
        order.push('flushed');
        return Promise.resolve();
      },
    });
    expect(order).toEqual(['flushed', 'exit 0']);
  });
});
