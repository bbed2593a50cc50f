import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  diffConfig,
  previousPathOf,
  REDACTED,
  redactConfig,
  restoreSecrets,
  writeJsonAtomic,
} from './config-file';

const secretConfig = {
  terminalId: 'KIOSK-A',
  central: { mode: 'remote', deviceToken: 'tok-0123456789abcdef', citizenRefKey: 'key-0123456789abcdef' },
  maintenance: { pinHash: 'scrypt$1024$8$1$AAAA$BBBB' },
};

describe('config file helpers', () => {
  it('redacts every secret and restores them into an edited copy', () => {
    const redacted = redactConfig(secretConfig);
    expect(JSON.stringify(redacted)).not.toMatch(/tok-|key-|scrypt/);
    expect(redacted.central.deviceToken).toBe(REDACTED);
    const edited = { ...redacted, terminalId: 'KIOSK-B' };
    expect(restoreSecrets(edited, secretConfig)).toEqual({ ...secretConfig, terminalId: 'KIOSK-B' });
    // A "[redacted]" with nothing behind it is dropped rather than saved as a value.
    expect(restoreSecrets({ central: { deviceToken: REDACTED } }, {})).toEqual({ central: {} });
    expect(redactConfig({ terminalId: 'X' })).toEqual({ terminalId: 'X' });
  });

  it('diffs leaves and never shows a secret', () => {
    const after = {
      ...secretConfig,
      terminalId: 'KIOSK-B',
      central: { ...secretConfig.central, deviceToken: 'tok-new-0123456789' },
      dataDir: '/var/lib/kiosk',
    };
    expect(diffConfig(secretConfig, after)).toEqual([
      { path: 'central.deviceToken', before: REDACTED, after: REDACTED },
      { path: 'dataDir', after: '/var/lib/kiosk' },
      { path: 'terminalId', before: 'KIOSK-A', after: 'KIOSK-B' },
    ]);
    expect(diffConfig(secretConfig, secretConfig)).toEqual([]);
  });

  it('writes atomically and keeps the previous version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-cfg-'));
    const path = join(dir, 'kiosk.json');
    writeFileSync(path, '{"terminalId":"OLD-1"}');
    writeJsonAtomic(path, { terminalId: 'NEW-1' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ terminalId: 'NEW-1' });
    expect(readFileSync(previousPathOf(path), 'utf8')).toBe('{"terminalId":"OLD-1"}');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const fresh = join(dir, 'new.json');
    writeJsonAtomic(fresh, {});
    expect(existsSync(previousPathOf(fresh))).toBe(false);
  });
});
