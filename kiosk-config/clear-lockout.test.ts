import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../domain/clock';
import { AuditLog, MaintenanceAuth } from '../electron/backend/maintenance/index';
import { openKioskDatabase } from '../electron/backend/store/index';
import { EXIT, runCli } from './cli';
import { maintenanceSchema } from './schema';

const PIN_HASH = `scrypt$16384$8$1$${'A'.repeat(22)}==$${'B'.repeat(43)}=`;

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-unlock-'));
  const dataDir = join(dir, 'data');
  const configPath = join(dir, 'kiosk.json');
  writeFileSync(configPath, JSON.stringify({ terminalId: 'KIOSK-A', dataDir }));
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: (t: string) => void out.push(t),
    err: (t: string) => void err.push(t),
    stdin: async () => '',
    env: {},
    fetch: (() => Promise.reject(new Error('no network in this test'))) as typeof fetch,
    discover: () => Promise.reject(new Error('no devices in this test')),
  };
  return { dbPath: join(dataDir, 'kiosk.db'), configPath, io, out, err };
}

/** A kiosk store whose maintenance entry is locked by five wrong PINs (now, on the real clock). */
async function lockedStore(dbPath: string) {
  const db = openKioskDatabase(dbPath);
  const clock = new ManualClock(Date.now());
  const settings = maintenanceSchema.parse({ pinHash: PIN_HASH });
  const auth = new MaintenanceAuth({ db, clock, settings, verify: async () => false });
  for (let i = 0; i < 5; i++) await auth.login('000000');
  expect(auth.lockedUntil()).not.toBeNull();
  return { db, clock, settings };
}

describe('kiosk-config clear-lockout', () => {
  it('clears a lock-out in the store named by the configuration and audits it', async () => {
    const { dbPath, configPath, io, out } = setup();
    (await lockedStore(dbPath)).db.close();
    expect(await runCli(['clear-lockout', '--config', configPath], io)).toBe(EXIT.ok);
    expect(out.join('\n')).toMatch(/lock-out is cleared .* it was locked until \d{4}-/);
    const db = openKioskDatabase(dbPath);
    const auth = new MaintenanceAuth({
      db,
      clock: new ManualClock(Date.now()),
      settings: maintenanceSchema.parse({ pinHash: PIN_HASH }),
      verify: async () => true,
    });
    expect(auth.lockedUntil()).toBeNull();
    expect((await auth.login('123456')).ok).toBe(true);
    expect(new AuditLog(db).list(1)[0]).toMatchObject({
      action: 'lockout.cleared',
      result: 'ok',
      staff: 'command line',
    });
    db.close();
  });

  it('refuses with exit 1 and says to stop the kiosk while it has the store open; the lock stays', async () => {
    const { dbPath, configPath, io, err } = setup();
    const running = await lockedStore(dbPath);
    expect(await runCli(['clear-lockout', '--config', configPath], io)).toBe(EXIT.failed);
    expect(err.join('\n')).toMatch(/in use by another kiosk process; stop it first/);
    const auth = new MaintenanceAuth({ db: running.db, clock: running.clock, settings: running.settings });
    expect(auth.lockedUntil()).not.toBeNull();
    running.db.close();
  });

  it('says there is nothing to clear when the kiosk has no store yet', async () => {
    const { configPath, io, out } = setup();
    expect(await runCli(['clear-lockout', '--config', configPath], io)).toBe(EXIT.ok);
    expect(out.join('\n')).toMatch(/no kiosk store .* nothing is locked/);
  });
});
