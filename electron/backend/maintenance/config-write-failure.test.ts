import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigWriteError } from '../../../kiosk-config/config-file';
import { ConfigEditor } from './config-editor';
import { configWriteFailure } from './config-write-failure';

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nkiosk:x:998:998::/var/lib/kiosk:/usr/sbin/nologin\n';

describe('a configuration write the disk refuses', () => {
  const passwdFile = join(mkdtempSync(join(tmpdir(), 'kiosk-passwd-')), 'passwd');
  writeFileSync(passwdFile, PASSWD);

  it('names the folder, its owner from the user database and the cause', () => {
    const err = Object.assign(new Error("EACCES: permission denied, open '/etc/kiosk/.kiosk.json.1.tmp'"), {
      code: 'EACCES',
    });
    expect(
      configWriteFailure(err, '/etc/kiosk/kiosk.json', { passwdFile, stat: () => ({ uid: 0 }) }),
    ).toEqual({
      folder: '/etc/kiosk',
      owner: 'root',
      cause: 'EACCES',
    });
    // A uid the user database does not know is given as a number; a folder that cannot be looked at has no owner.
    expect(
      configWriteFailure(err, '/etc/kiosk/kiosk.json', { passwdFile, stat: () => ({ uid: 4242 }) })?.owner,
    ).toBe('uid 4242');
    expect(
      configWriteFailure(err, '/etc/kiosk/kiosk.json', {
        stat: () => {
          throw new Error('gone');
        },
      })?.owner,
    ).toBeNull();
  });

  it("takes the folder, owner and cause kiosk-config's typed write error names", () => {
    const err = new ConfigWriteError(
      '/etc/kiosk/kiosk.json',
      '/etc/kiosk',
      'root',
      'EROFS',
      '/etc/kiosk 不可写（属主 root）\n/etc/kiosk is not writable (owner root)',
    );
    expect(configWriteFailure(err, '/etc/kiosk/kiosk.json')).toEqual({
      folder: '/etc/kiosk',
      owner: 'root',
      cause: 'EROFS',
    });
  });

  it('leaves anything else an error of the program', () => {
    expect(configWriteFailure(new TypeError('x is undefined'), '/etc/kiosk/kiosk.json')).toBeUndefined();
    expect(configWriteFailure('EACCES', '/etc/kiosk/kiosk.json')).toBeUndefined();
  });

  it('comes back from a real apply under a file, which fails even for root (ENOTDIR)', () => {
    // Root passes permission checks, so a read-only folder proves nothing in a test run as root;
    // a configuration path under a regular file fails for every user.
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-write-'));
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const editor = new ConfigEditor(join(file, 'kiosk.json'));
    const r = editor.apply(JSON.stringify({ terminalId: 'KIOSK-SC-017', dataDir: join(dir, 'data') }));
    expect(r).toMatchObject({ ok: false, write: { folder: file, cause: 'ENOTDIR' } });
    expect(r.ok ? '' : r.message).toContain(`${file} is not writable (ENOTDIR`);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});
