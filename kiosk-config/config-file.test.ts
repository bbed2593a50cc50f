import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigWriteError,
  configWriteErrorFor,
  diffConfig,
  groupIdFromFile,
  kioskConfigAccess,
  userNameOf,
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

describe('a config file that cannot be written', () => {
  const errno = (code: string) => Object.assign(new Error(code), { code });

  it('says why in Chinese, then English, naming the folder and its owner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-cfg-'));
    const path = join(dir, 'kiosk.json');
    const owner = statSync(dir).uid === 0 ? 'root' : `uid ${statSync(dir).uid}`;
    const denied = configWriteErrorFor(path, 'file', errno('EACCES'));
    expect(denied).toBeInstanceOf(ConfigWriteError);
    expect(denied).toMatchObject({ path, folder: dir, code: 'EACCES' });
    expect(denied.owner === owner || denied.owner === userNameOf(statSync(dir).uid)).toBe(true);
    const [zh, en] = denied.message.split('\n');
    expect(zh).toBe(
      `${dir} 不可写（属主 ${denied.owner}）：${path} 未改动。请以有权写入的用户运行（例如 sudo）。`,
    );
    expect(en).toMatch(new RegExp(`^${dir} is not writable \\(owner .+\\): ${path} is unchanged\\.`));
    expect(configWriteErrorFor(path, 'file', errno('EROFS')).message).toContain(
      `${dir} 所在的文件系统是只读的`,
    );
    expect(configWriteErrorFor(path, 'file', errno('EROFS')).message).toContain('read-only file system');
    expect(configWriteErrorFor(path, 'file', errno('ENOSPC')).message).toContain('磁盘已满');
    expect(configWriteErrorFor(path, 'file', errno('ENOSPC')).message).toContain('is full');
    expect(configWriteErrorFor(path, 'group', errno('EPERM')).message).toContain('kiosk 组');
    expect(configWriteErrorFor(path, 'file', errno('EIO')).message).toContain('无法写入（EIO）');
  });

  it('into a missing folder without createFolder: ConfigWriteError, no temporary file left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-cfg-'));
    const path = join(dir, 'missing', 'kiosk.json');
    let error: unknown;
    try {
      writeJsonAtomic(path, {});
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigWriteError);
    expect(error).toMatchObject({ code: 'ENOENT', folder: dir });
    expect((error as Error).message).toContain(`文件夹 ${join(dir, 'missing')} 不存在`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps an existing file its group and mode, never wider than 0640', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-cfg-'));
    const path = join(dir, 'kiosk.json');
    writeFileSync(path, '{}');
    chmodSync(path, 0o644);
    writeJsonAtomic(path, { terminalId: 'NEW-1' });
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(statSync(previousPathOf(path)).mode & 0o777).toBe(0o640);
    writeJsonAtomic(join(dir, 'new.json'), {});
    expect(statSync(join(dir, 'new.json')).mode & 0o777).toBe(0o600);
  });
});

describe('the kiosk group', () => {
  it('is read from a group file; absent means the file stays private', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-cfg-'));
    const groups = join(dir, 'group');
    writeFileSync(groups, 'root:x:0:\ndialout:x:20:kiosk\nkiosk:x:998:\n');
    expect(groupIdFromFile('kiosk', groups)).toBe(998);
    expect(groupIdFromFile('dialout', groups)).toBe(20);
    expect(groupIdFromFile('nobody-here', groups)).toBeUndefined();
    expect(groupIdFromFile('kiosk', join(dir, 'none'))).toBeUndefined();
    expect(kioskConfigAccess(() => 998)).toEqual({ mode: 0o640, gid: 998 });
    expect(kioskConfigAccess(() => undefined)).toEqual({ mode: 0o600 });
  });
});
