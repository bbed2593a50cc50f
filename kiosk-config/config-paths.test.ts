import { chmodSync, chownSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertConfigPaths, checkConfigPaths } from './config-paths';
import { ConfigError, parseConfig } from './load-config';

const OTHER_UID = 65534;
const uid = process.getuid!();

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'kiosk-paths-'));
}

function config(dir: string, overrides: { keyFile?: string; dataDir?: string } = {}) {
  return parseConfig({
    dataDir: overrides.dataDir ?? join(dir, 'data'),
    store: { keyFile: overrides.keyFile ?? join(dir, 'keys', 'store.key') },
  });
}

function messageOf(cfg: ReturnType<typeof config>, cwd?: string): string {
  try {
    assertConfigPaths(cfg, 'kiosk.json', { cwd });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('the paths were accepted');
}

describe('key file and data folder on the disk', () => {
  it('accepts a key file and data folder still to be made in a folder of our own', () => {
    const dir = tmp();
    expect(checkConfigPaths(config(dir))).toEqual([]);
  });

  it('refuses a key file other users can read, with a plain message', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'keys'));
    const keyFile = join(dir, 'keys', 'store.key');
    writeFileSync(keyFile, 'x', { mode: 0o644 });
    chmodSync(keyFile, 0o644);
    const message = messageOf(config(dir));
    expect(message).toContain(`store.keyFile: got "${keyFile}" (mode 644: other users can read it)`);
    expect(message).toContain(`chmod 600 ${keyFile}`);
    expect(message).not.toMatch(/\n\s+at /);
    chmodSync(keyFile, 0o600);
    expect(checkConfigPaths(config(dir))).toEqual([]);
  });

  it('refuses a key file and a data folder owned by another user', () => {
    const dir = tmp();
    const keyFile = join(dir, 'theirs.key');
    writeFileSync(keyFile, 'x', { mode: 0o600 });
    chownSync(keyFile, OTHER_UID, OTHER_UID);
    const dataDir = join(dir, 'their-data');
    mkdirSync(dataDir, { mode: 0o700 });
    chownSync(dataDir, OTHER_UID, OTHER_UID);
    const message = messageOf(config(dir, { keyFile, dataDir }));
    expect(message).toContain(`store.keyFile: got "${keyFile}" (owned by user ${OTHER_UID})`);
    expect(message).toContain(
      `dataDir: got "${dataDir}" (owned by user ${OTHER_UID}), expected a data folder of the kiosk's own`,
    );
    expect(message).toContain(`owned by the kiosk's user (uid ${uid})`);
  });

  it('refuses a key file to be made in a folder of another user', () => {
    const dir = tmp();
    const theirs = join(dir, 'theirs');
    mkdirSync(theirs, { mode: 0o777 });
    chownSync(theirs, OTHER_UID, OTHER_UID);
    const message = messageOf(config(dir, { keyFile: join(theirs, 'sub', 'store.key') }));
    expect(message).toMatch(/store\.keyFile: got .*to be made in .*theirs, owned by user 65534/);
  });

  it('judges a link by where it leads, and a relative path from the working directory', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'keys'));
    symlinkSync('/etc/passwd', join(dir, 'keys', 'store.key'));
    expect(messageOf(config(dir))).toMatch(
      /store\.keyFile: got .*leads to \/etc\/passwd.*not in the system folder \/etc/,
    );

    const cwd = tmp();
    const relative = messageOf(
      config(dir, { keyFile: '../../../../../../etc/shadow', dataDir: 'data' }),
      cwd,
    );
    expect(relative).toMatch(
      /store\.keyFile: got "\.\.\/.*etc\/shadow" \(\/etc\/shadow\).*system folder \/etc/,
    );
    expect(relative).not.toContain('dataDir');
  });

  it('refuses a key file that is a folder, and a data folder that is a file', () => {
    const dir = tmp();
    const file = join(dir, 'file');
    writeFileSync(file, '');
    const message = messageOf(config(dir, { keyFile: dir, dataDir: file }));
    expect(message).toContain('(not a file)');
    expect(message).toContain('(not a folder)');
    expect(statSync(file).size).toBe(0);
  });
});
