import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { ConfigError } from '../../../kiosk-config/load-config';
import type { KioskConfig } from '../../../kiosk-config/schema';
import { startKiosk } from '../kiosk';
import { createTestLogger } from '../logging/logger';
import { ConfigEditor } from './config-editor';
import {
  failedPathOf,
  lastGoodPathOf,
  pendingPathOf,
  startWithLastGoodConfig,
  UNCONFIRMED_STARTS,
} from './config-rollback';

const OTHER_UID = 65534;

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-rollback-'));
  const path = join(dir, 'kiosk.json');
  const good = {
    terminalId: 'KIOSK-GOOD-1',
    dataDir: join(dir, 'data'),
    store: { keyFile: join(dir, 'keys', 'store.key') },
  };
  writeFileSync(path, `${JSON.stringify(good, null, 2)}\n`);
  const logger = createTestLogger();
  const started: string[] = [];
  const ok = async (config: KioskConfig) => {
    started.push(config.terminalId);
    return config;
  };
  const editor = new ConfigEditor(path);
  const edit = (change: Record<string, unknown>) => {
    const r = editor.apply(JSON.stringify({ ...good, ...change }));
    expect(r.ok, r.ok ? '' : r.message).toBe(true);
  };
  const events = () => logger.lines.map((l) => (JSON.parse(l) as { event: string }).event);
  return { dir, path, good, logger, started, ok, editor, edit, events };
}

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('a maintenance edit that fails at start', () => {
  it('is refused before it is written when it names a system file or a folder not ours', () => {
    const { path, good, editor } = setup();
    const before = readFileSync(path, 'utf8');
    const system = editor.apply(JSON.stringify({ ...good, store: { keyFile: '/etc/passwd' } }));
    expect(system.ok).toBe(false);
    if (system.ok) return;
    expect(system.message).toContain('store.keyFile: got "/etc/passwd"');
    expect(system.message).toContain('not in the system folder /etc');
    const theirs = join(good.dataDir, '..', 'theirs');
    mkdirSync(theirs, { mode: 0o700 });
    chownSync(theirs, OTHER_UID, OTHER_UID);
    const owned = editor.check(JSON.stringify({ ...good, dataDir: theirs }));
    expect(owned.ok).toBe(false);
    if (!owned.ok) expect(owned.message).toContain(`(owned by user ${OTHER_UID})`);
    const http = editor.apply(
      JSON.stringify({ ...good, central: { mode: 'remote', baseUrl: 'http://central.example.gov.cn' } }),
    );
    expect(http.ok).toBe(false);
    const secret = editor.check(JSON.stringify({ ...good, central: { deviceToken: 'SECRET-x9' } }));
    expect(secret.ok).toBe(false);
    if (!secret.ok) {
      expect(secret.message).toContain('central.deviceToken: got a value that is not shown');
      expect(secret.message).not.toContain('SECRET-x9');
    }
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(existsSync(pendingPathOf(path))).toBe(false);
  });

  it('is undone at the next start by itself, logged for staff, and the kiosk starts with the last good one', async () => {
    const { path, good, logger, started, ok, edit, events } = setup();
    await startWithLastGoodConfig(path, ok, { logger });
    expect(read(lastGoodPathOf(path))).toEqual(good);

    // Valid when written; by the restart its data folder has become another user's.
    const moved = join(good.dataDir, '..', 'data-new');
    edit({ terminalId: 'KIOSK-EDITED-1', dataDir: moved });
    expect(existsSync(pendingPathOf(path))).toBe(true);
    mkdirSync(moved, { mode: 0o700 });
    chownSync(moved, OTHER_UID, OTHER_UID);

    const config = await startWithLastGoodConfig(path, ok, { logger });
    expect(config.terminalId).toBe('KIOSK-GOOD-1');
    expect(started).toEqual(['KIOSK-GOOD-1', 'KIOSK-GOOD-1']);
    expect(read(path)).toEqual(good);
    expect(read(failedPathOf(path))).toMatchObject({ terminalId: 'KIOSK-EDITED-1' });
    expect(existsSync(pendingPathOf(path))).toBe(false);
    const line = logger.lines.find((l) => l.includes('config.restored-last-good'));
    expect(line).toContain(`dataDir: got \\"${moved}\\" (owned by user ${OTHER_UID})`);
    expect(events()).toContain('config.restored-last-good');
  });

  it('is undone when the kiosk itself fails to start with it, and when it never finishes starting', async () => {
    const { path, good, logger, ok, edit } = setup();
    await startWithLastGoodConfig(path, ok, { logger });
    edit({ terminalId: 'KIOSK-BROKEN-1' });
    const failsWhenEdited = async (config: KioskConfig) => {
      if (config.terminalId === 'KIOSK-BROKEN-1') throw new Error('the printer port is busy');
      return config;
    };
    expect((await startWithLastGoodConfig(path, failsWhenEdited, { logger })).terminalId).toBe(
      'KIOSK-GOOD-1',
    );
    expect(logger.lines.find((l) => l.includes('config.restored-last-good'))).toContain(
      'Error: the printer port is busy',
    );

    // A start that hangs until the shell kills it: the edit gets UNCONFIRMED_STARTS tries.
    edit({ terminalId: 'KIOSK-HANGS-1' });
    const hangs = () => new Promise<KioskConfig>(() => undefined);
    for (let i = 0; i < UNCONFIRMED_STARTS; i++) void startWithLastGoodConfig(path, hangs, { logger });
    expect(read(path)).toMatchObject({ terminalId: 'KIOSK-HANGS-1' });
    expect((await startWithLastGoodConfig(path, ok, { logger })).terminalId).toBe('KIOSK-GOOD-1');
    expect(read(path)).toEqual(good);
  });

  it('does not loop when the last good one fails too: one rewrite, then plain failures', async () => {
    const { path, good, logger, ok, edit } = setup();
    await startWithLastGoodConfig(path, ok, { logger });
    edit({ terminalId: 'KIOSK-EDITED-2' });
    const alwaysFails = async (): Promise<KioskConfig> => {
      throw new Error('no display');
    };
    // What the shell's supervisor does: start again and again.
    for (let i = 0; i < 4; i++) {
      await expect(startWithLastGoodConfig(path, alwaysFails, { logger })).rejects.toThrow('no display');
    }
    expect(read(path)).toEqual(good);
    expect(read(failedPathOf(path))).toMatchObject({ terminalId: 'KIOSK-EDITED-2' });
    expect(logger.lines.filter((l) => l.includes('config.restored-last-good'))).toHaveLength(1);
  });

  it('never replaces a configuration that was never good, or one edited by hand', async () => {
    const { path, good, logger, ok, edit } = setup();
    // Never started: the edit has no last good one to go back to.
    const theirs = join(good.dataDir, '..', 'theirs');
    edit({ dataDir: theirs });
    mkdirSync(theirs, { mode: 0o700 });
    chownSync(theirs, OTHER_UID, OTHER_UID);
    const written = readFileSync(path, 'utf8');
    await expect(startWithLastGoodConfig(path, ok, { logger })).rejects.toThrow(ConfigError);
    expect(readFileSync(path, 'utf8')).toBe(written);
    expect(logger.lines.some((l) => l.includes('config.rollback-impossible'))).toBe(true);

    // Started once; then edited by hand (not by maintenance) into something invalid.
    writeFileSync(path, `${JSON.stringify(good, null, 2)}\n`);
    await startWithLastGoodConfig(path, ok, { logger });
    edit({ terminalId: 'KIOSK-EDITED-3' });
    const byHand = JSON.stringify({ ...good, store: { keyFile: '/etc/passwd' } });
    writeFileSync(path, byHand);
    const err = await startWithLastGoodConfig(path, ok, { logger }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain('store.keyFile: got "/etc/passwd"');
    expect(readFileSync(path, 'utf8')).toBe(byHand);
    expect(logger.lines.some((l) => l.includes('config.restored-last-good'))).toBe(false);
  });

  it('loses nothing: the queued actions in the data folder are still there after the rollback', async () => {
    const { path, good, logger, edit } = setup();
    const clock = new ManualClock();
    const first = await startWithLastGoodConfig(path, (c) => startKiosk(c, { clock, logger }), { logger });
    const personal = { phone: '13800000000' };
    const queued = first.outbox.enqueue('rollback-check:1', () => ({ note: 'kept' }), clock.now(), personal);
    await first.close();

    edit({
      terminalId: 'KIOSK-EDITED-4',
      store: { keyFile: join(good.dataDir, '..', 'other', 'store.key') },
    });
    // The new key folder turns out to be someone else's by the restart.
    mkdirSync(join(good.dataDir, '..', 'other'), { mode: 0o700 });
    chownSync(join(good.dataDir, '..', 'other'), OTHER_UID, OTHER_UID);

    const second = await startWithLastGoodConfig(path, (c) => startKiosk(c, { clock, logger }), { logger });
    try {
      expect(second.config.terminalId).toBe('KIOSK-GOOD-1');
      expect(second.outbox.get(queued.id)?.idempotencyKey).toBe(queued.idempotencyKey);
      expect(second.outbox.openPersonal(queued.id)).toEqual(personal);
    } finally {
      await second.close();
    }
  });
});
