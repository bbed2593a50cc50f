import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPin } from '../electron/backend/maintenance/index';
import { ConfigError, loadConfig, parseConfig } from './load-config';
import { isLoopbackHost, PIN_HASH_FLOOR, systemFolderOf } from './schema';

function messageOf(raw: unknown): string {
  try {
    parseConfig(raw, 'test.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('the configuration was accepted');
}

const remote = (baseUrl: string) => ({ central: { mode: 'remote', baseUrl } });

describe('URLs a configuration hands the kiosk', () => {
  it('refuses a plain http:// central that is not this machine', () => {
    for (const url of [
      'http://central.example.gov.cn',
      'http://10.0.0.5:8080',
      'http://localhost.evil.example',
      'http://127.0.0.1.nip.io',
      'ftp://central.example.gov.cn',
    ]) {
      expect(messageOf(remote(url))).toMatch(/central\.baseUrl: got .*, expected an https:\/\/ URL/);
    }
  });

  it('accepts https:// and, for development, http:// to loopback only', () => {
    for (const url of [
      'https://central.example.gov.cn',
      'http://127.0.0.1:9',
      'http://127.10.0.1',
      'http://localhost:8080',
      'http://[::1]:3000',
    ]) {
      expect(parseConfig(remote(url)).central.baseUrl).toBe(url);
    }
    expect(isLoopbackHost(new URL('http://127.1').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://[::ffff:10.0.0.1]').hostname)).toBe(false);
  });

  it('refuses a URL with a user name or password, without showing them', () => {
    const message = messageOf(remote('https://kiosk:hunter2-secret@central.example.gov.cn'));
    expect(message).toContain('central.baseUrl');
    expect(message).toContain('a URL without a user name or password');
    expect(message).not.toContain('hunter2-secret');
    expect(message).not.toContain('kiosk:');
    expect(messageOf({ hall: { queueFollowUrl: 'https://u:p4ss@q.example.gov.cn/q' } })).not.toContain(
      'p4ss',
    );
  });

  it('refuses http:// QR and follow-up URLs: citizens open them on their phones', () => {
    const q = messageOf({ hall: { queueFollowUrl: 'http://zwfw.example.gov.cn/q' } });
    expect(q).toMatch(
      /hall\.queueFollowUrl: got "http:\/\/zwfw\.example\.gov\.cn\/q", expected an https:\/\/ URL/,
    );
    // Loopback is no excuse here: a phone's loopback is not the kiosk.
    const c = messageOf({ hall: { caseFollowUrl: 'http://127.0.0.1/case' } });
    expect(c).toMatch(/hall\.caseFollowUrl: .* expected an https:\/\/ URL/);
    expect(messageOf({ hall: { queueFollowUrl: 'javascript:alert(1)' } })).toMatch(/hall\.queueFollowUrl/);
    expect(parseConfig({}).hall.queueFollowUrl).toMatch(/^https:\/\//);
  });
});

describe('key file and data folder in the schema', () => {
  it('refuses system files with the field, the path and what is expected', () => {
    const message = messageOf({ store: { keyFile: '/etc/passwd' } });
    expect(message).toMatch(
      /store\.keyFile: got "\/etc\/passwd", expected a file of the kiosk's own, e\.g\. "\/var\/lib\/kiosk\/keys\/store\.key", not in the system folder \/etc/,
    );
    for (const dataDir of [
      '/usr/share/x',
      '/lib64/k',
      '/boot',
      '/proc/self',
      '/dev/shm/k',
      '/var/lib/dpkg',
      '/',
      '/tmp/../etc',
    ]) {
      expect(messageOf({ dataDir })).toMatch(/dataDir: got .*not in the system folder/);
    }
  });

  it('leaves the kiosk its own folders, /var/lib/kiosk included', () => {
    expect(
      parseConfig({ dataDir: '/var/lib/kiosk/data', store: { keyFile: '/var/lib/kiosk/k/store.key' } })
        .dataDir,
    ).toBe('/var/lib/kiosk/data');
    expect(systemFolderOf('/var/lib/kiosk-other')).toBe('/var/lib');
    expect(systemFolderOf('/home/kiosk/.kiosk-data')).toBeUndefined();
  });
});

describe('the PIN hash floor', () => {
  it('refuses hashes cheaper than the floor or with a short salt, and never shows the hash', async () => {
    const cheap = await hashPin('135790', { N: 1024, r: 8, p: 1 });
    const lowR = await hashPin('135790', { N: PIN_HASH_FLOOR.N, r: 4, p: 1 });
    const salt = Buffer.alloc(8, 7).toString('base64');
    const hash = Buffer.alloc(32, 9).toString('base64');
    const shortSalt = `scrypt$${PIN_HASH_FLOOR.N}$8$1$${salt}$${hash}`;
    const shortHash = `scrypt$${PIN_HASH_FLOOR.N}$8$1$${Buffer.alloc(16, 1).toString('base64')}$${Buffer.alloc(8).toString('base64')}`;
    const notPow2 = `scrypt$20000$8$1$${Buffer.alloc(16, 1).toString('base64')}$${hash}`;
    const huge = `scrypt$${2 ** 24}$8$1$${Buffer.alloc(16, 1).toString('base64')}$${hash}`;
    const cases: [string, RegExp][] = [
      [cheap, /cheaper than the floor of N=16384, r=8, p=1/],
      [lowR, /cheaper than the floor/],
      [shortSalt, /salt shorter than 16 bytes/],
      [shortHash, /hash shorter than 32 bytes/],
      [notPow2, /not a power of 2/],
      [huge, /costs more than the ceiling/],
    ];
    for (const [pinHash, why] of cases) {
      const message = messageOf({ maintenance: { pinHash } });
      expect(message).toMatch(/maintenance\.pinHash: got a value that is not shown \(it is a secret\)/);
      expect(message).toMatch(why);
      expect(message).not.toContain(pinHash);
      expect(message).not.toContain(pinHash.split('$')[4]!);
    }
  });

  it('accepts what set-pin writes', async () => {
    const pinHash = await hashPin('135790');
    expect(parseConfig({ maintenance: { pinHash } }).maintenance.pinHash).toBe(pinHash);
    expect(parseConfig({ maintenance: { pinHash: await hashPin('135790', PIN_HASH_FLOOR) } })).toBeDefined();
  });
});

describe('messages never quote secrets', () => {
  const token = 'SECRET-tk7f3';
  const key = 'SECRET-kc41d';

  it('names a bad token or key without its value', () => {
    const message = messageOf({ central: { deviceToken: token, citizenRefKey: key } });
    expect(message).toContain('central.deviceToken: got a value that is not shown (it is a secret)');
    expect(message).toContain('central.citizenRefKey: got a value that is not shown');
    expect(message).not.toContain(token);
    expect(message).not.toContain(key);
  });

  it('does not quote a secret inside a larger bad value either', () => {
    const long = `${token}-long-enough-to-be-valid`;
    const message = messageOf({ central: { deviceToken: long, unknownField: 1 } });
    expect(message).toContain('central');
    expect(message).not.toContain(token);
    const whole = messageOf({ central: { deviceToken: long, mode: 'nowhere' }, bogus: true });
    expect(whole).not.toContain(token);
  });

  it('does not quote the text around a JSON error, which may be a secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-json-'));
    const path = join(dir, 'kiosk.json');
    writeFileSync(path, `{\n  "central": {\n    "deviceToken": ${token}\n  }\n}\n`);
    let message = '';
    try {
      loadConfig(path);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('is not valid JSON: at line 3, column 20');
    expect(message).not.toContain('SECRET');
    writeFileSync(path, '{ "terminalId": ');
    expect(() => loadConfig(path)).toThrow(/not valid JSON: the text ends too early/);
  });
});
