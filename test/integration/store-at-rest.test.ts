import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { LocalApplications } from '../../electron/backend/apply/store';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { PURGE_INTERVAL_MS } from '../../electron/backend/store/retention';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { openKioskDatabase } from '../../electron/backend/store/database';
import { FieldCipher } from '../../electron/backend/store/field-cipher';
import { Outbox } from '../../electron/backend/store/outbox';
import { openStoreKey } from '../../electron/backend/store/store-key';
import { parseConfig } from '../../kiosk-config/load-config';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const ID_NUMBER = '11010519491231002X';
const CITIZEN_REF_KEY = 'hall-citizen-ref-key-0001';

let kiosk: Kiosk | undefined;
afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

function site() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-rest-'));
  const dataDir = join(dir, 'data');
  const keyFile = join(dir, 'keys', 'store.key');
  const configPath = join(dir, 'kiosk.json');
  writeFileSync(configPath, JSON.stringify({ dataDir, store: { keyFile } }));
  return { dir, dataDir, keyFile, configPath, dbPath: join(dataDir, 'kiosk.db') };
}

/**
 * The kiosk backend as the Electron shell starts it (its own entry needs no built renderer, so this
 * runs before the end-to-end build); a start that is refused exits before it says it is ready.
 */
function startHost(configPath: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KIOSK_LOG_LEVEL: 'silent',
    KIOSK_API_SOCKET: join(mkdtempSync(join(tmpdir(), 'kiosk-rest-sock-')), 'api.sock'),
    KIOSK_API_SECRET: 'a'.repeat(48),
  };
  delete env.KIOSK_STORE_KEY;
  return spawnSync(tsx, ['electron/backend/process-main.ts', '--config', configPath], {
    encoding: 'utf8',
    timeout: 30_000,
    env,
  });
}

/** An application queued in the store (its applicant sealed under the store key). */
function queueOne(dbPath: string, keyFile: string): number {
  const db = openKioskDatabase(dbPath);
  const outbox = new Outbox(db, new FieldCipher(openStoreKey(db, keyFile, {})));
  outbox.enqueue('case-submit:KIOSK-01-000001:X', () => ({ itemCode: 'X' }), 1000, {
    applicant: { name: '王小明', idNumber: ID_NUMBER },
  });
  const n = (db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE sealed IS NOT NULL').get() as { n: number })
    .n;
  db.close();
  return n;
}

function queuedCount(dbPath: string): number {
  const db = openKioskDatabase(dbPath);
  const n = (db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE sealed IS NOT NULL').get() as { n: number })
    .n;
  db.close();
  return n;
}

describe('the store key at start', () => {
  it('refuses a changed key with exit 2 and a plain message; the key file and the queue stay', () => {
    const s = site();
    expect(queueOne(s.dbPath, s.keyFile)).toBe(1);
    const other = randomBytes(32).toString('base64');
    writeFileSync(s.keyFile, other, { mode: 0o600 });
    const result = startHost(s.configPath);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`The store key from ${s.keyFile} is not the key`);
    expect(result.stderr).not.toContain(other);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain('KIOSK_BACKEND_READY');
    expect(readFileSync(s.keyFile, 'utf8')).toBe(other);
    expect(queuedCount(s.dbPath)).toBe(1);
  });

  it('refuses a missing key when applications are queued, and makes no new one', () => {
    const s = site();
    queueOne(s.dbPath, s.keyFile);
    rmSync(s.keyFile);
    const result = startHost(s.configPath);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`The store key file ${s.keyFile} is missing`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(s.keyFile)).toBe(false);
    expect(queuedCount(s.dbPath)).toBe(1);
  });
});

describe('citizens\u2019 digests past the retention, through the running kiosk', () => {
  it('the purge timer leaves the digest nowhere in kiosk.db or its WAL after store.retentionHours', async () => {
    const s = site();
    const clock = new ManualClock();
    kiosk = await startKiosk(
      parseConfig({
        dataDir: s.dataDir,
        store: { keyFile: s.keyFile, retentionHours: 1 },
        central: { citizenRefKey: CITIZEN_REF_KEY },
      }),
      { clock, logger: createTestLogger() },
    );
    // The digest exactly as the session makes it from the configured key.
    const digest = createHmac('sha256', CITIZEN_REF_KEY).update(`id:${ID_NUMBER}`).digest('hex');
    const onDisk = () =>
      [s.dbPath, `${s.dbPath}-wal`, `${s.dbPath}-shm`]
        .filter((f) => existsSync(f))
        .filter((f) => readFileSync(f).includes(Buffer.from(digest)));
    const applications = new LocalApplications(kiosk.db, kiosk.outbox);
    const { cases } = applications.submit(
      {
        hallId: kiosk.config.hall.id,
        terminalId: kiosk.config.terminalId,
        citizenRef: digest,
        delivery: 'window',
        bundleCode: null,
        requestedAt: new Date(clock.now()).toISOString(),
        cases: [
          { itemCode: 'QR02005001', itemName: { zh: '职工退休申请', en: 'Retirement' }, materials: [] },
        ],
      },
      { name: '王小明', idNumber: ID_NUMBER, phone: '13812345678' },
      clock.now(),
    );
    kiosk.outbox.claim(cases[0]!.outboxId, clock.now(), 60_000);
    kiosk.outbox.acknowledge(cases[0]!.outboxId, { case: { caseNumber: 'C-1' } }, clock.now());
    await clock.advance(30 * 60_000);
    expect(onDisk().length).toBeGreaterThan(0);
    await clock.advance(30 * 60_000 + PURGE_INTERVAL_MS);
    expect(onDisk()).toEqual([]);
    expect(applications.forCitizen(digest)).toEqual([]);
  });
});
