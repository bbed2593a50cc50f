/**
 * The .deb, built by scripts/package-deb.mjs (the code path `npm run package` uses) from a stand-in
 * app folder: the Electron binary is not on CI, so `kiosk-terminal` is a sh script that, like the
 * real app's --kiosk-config mode (electron/shell/cli-mode.ts), runs the bundled CLI
 * (dist/kiosk-config/cli.js, built here by scripts/build-node.mjs) with node. Checked: the control
 * file, the files and their modes, the udev rules (udevadm 252 has no `verify`: its rules parser
 * runs through `udevadm test` in a private mount namespace holding only this file), the unit with
 * `systemd-analyze verify --root`, then an install into a throwaway root with dpkg (chrootless, so
 * the maintainer scripts honour DPKG_ROOT), the kiosk user and folders, `kiosk-config --help`
 * through the installed command, a repeated postinst, removal and purge.
 */
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/install-paths.mjs';
import { buildDeb, PackageError } from '../../scripts/package-deb.mjs';
import { dpkgIn, ok, paths, run, standInApp, throwawayRoot } from '../support/deb-root';

function lineOf(file: string, name: string): string | undefined {
  return readFileSync(file, 'utf8')
    .split('\n')
    .find((line) => line.startsWith(`${name}:`));
}

function owner(file: string): { uid: number; gid: number; mode: string } {
  const s = statSync(file);
  return { uid: s.uid, gid: s.gid, mode: (s.mode & 0o7777).toString(8).padStart(4, '0') };
}

/** udev's own diagnostics for one rules file, read in a private mount namespace holding only it. */
function udevDiagnostics(rules: string, groupFile: string): string[] {
  const script = [
    'set -e',
    'mount -t tmpfs none /usr/lib/udev/rules.d',
    'mount -t tmpfs none /etc/udev/rules.d',
    // udevadm test writes device data and links: into throwaway tmpfs, never the host's. A machine
    // whose udevd never ran (a container, a fresh install) has no /run/udev to mount over yet.
    'mkdir -p /run/udev',
    'mount -t tmpfs none /run/udev',
    'mount -t tmpfs none /dev',
    // The kiosk group exists only in the throwaway root.
    `mount --bind '${groupFile}' /etc/group`,
    `cp '${rules}' /etc/udev/rules.d/99-kiosk-devices.rules`,
    'udevadm test --action=add /sys/class/tty/tty0 2>&1',
  ].join('\n');
  const out = ok('unshare', ['--mount', 'sh', '-c', script]);
  expect(out).toContain('Reading rules file: /etc/udev/rules.d/99-kiosk-devices.rules');
  return out.split('\n').filter((line) => line.startsWith('/etc/udev/rules.d/99-kiosk-devices.rules:'));
}

describe('the kiosk-terminal .deb', () => {
  let dir: string;
  let deb: string;
  let root: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'deb-package-'));
    deb = buildDeb({ appDir: standInApp(dir), outDir: path.join(dir, 'out') });
    root = throwawayRoot(dir);
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is named and versioned from package.json and depends on cage, Xwayland and Electron’s libraries', () => {
    const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(path.basename(deb)).toMatch(
      new RegExp(`^kiosk-terminal_${pkg.version.replace(/\./g, '\\.')}_\\w+\\.deb$`),
    );
    expect(ok('dpkg-deb', ['--field', deb, 'Package']).trim()).toBe('kiosk-terminal');
    expect(ok('dpkg-deb', ['--field', deb, 'Version']).trim()).toBe(pkg.version);
    const depends = ok('dpkg-deb', ['--field', deb, 'Depends']).trim().split(/,\s*/);
    expect(depends.slice(0, 3)).toEqual(['cage', 'xwayland', 'libudev1']);
    expect(depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libgbm1']));
    const info = ok('dpkg-deb', ['--info', deb]);
    for (const script of ['postinst', 'prerm', 'postrm'])
      expect(info).toMatch(new RegExp(`\\* +${script} +#!/bin/sh`));
  });

  it('holds the app, the command, the session wrapper, the unit and the rules, root-owned with their modes', () => {
    const contents = ok('dpkg-deb', ['--contents', deb]).split('\n');
    const entry = (file: string) => contents.find((line) => line.endsWith(` .${file}`));
    const expected: [string, string][] = [
      [paths.linux.executable, '-rwxr-xr-x'],
      [paths.linux.cli, '-rwxr-xr-x'],
      [paths.linux.sessionWrapper, '-rwxr-xr-x'],
      [paths.linux.unit, '-rw-r--r--'],
      [paths.linux.udevRules, '-rw-r--r--'],
      [paths.linux.logindDropIn, '-rw-r--r--'],
      [paths.linux.sysctlDropIn, '-rw-r--r--'],
      ['/opt/Kiosk Terminal/resources/app/dist/kiosk-config/cli.js', '-rw-r--r--'],
    ];
    for (const [file, mode] of expected) {
      const line = entry(file);
      expect(line, file).toBeDefined();
      expect(line?.startsWith(`${mode} root/root `), line).toBe(true);
    }
    // Nothing under /etc: the configuration is the engineer's, written by kiosk-config.
    expect(contents.filter((line) => line.includes(' ./etc/'))).toEqual([]);
    expect(contents[0]).toMatch(/^drwxr-xr-x root\/root .* \.\/$/);
  });

  it('its udev rules parse without a diagnostic, and a broken rule would be caught', () => {
    const extracted = path.join(dir, 'extracted');
    ok('dpkg-deb', ['-x', deb, extracted]);
    const groups = path.join(dir, 'group-with-kiosk');
    writeFileSync(groups, `${readFileSync('/etc/group', 'utf8')}kiosk:x:999:\n`);
    const rules = path.join(extracted, paths.linux.udevRules);
    expect(udevDiagnostics(rules, groups)).toEqual([]);

    const broken = path.join(dir, 'broken.rules');
    writeFileSync(
      broken,
      `${readFileSync(rules, 'utf8')}SUBSYSTEM=="tty", ATTRS{idVendor}="10c4", MODEX="0660"\n`,
    );
    expect(udevDiagnostics(broken, groups).length).toBeGreaterThan(0);
  });

  it('installs into a throwaway root: the kiosk user, its groups and folders, and kiosk-config on PATH', () => {
    const install = dpkgIn(root, '--install', deb);
    expect(install.status, install.stderr).toBe(0);

    const passwd = lineOf(path.join(root, 'etc/passwd'), 'kiosk');
    expect(passwd).toMatch(/^kiosk:x:\d+:\d+:[^:]*:\/var\/lib\/kiosk:\/usr\/sbin\/nologin$/);
    const [uid, gid] = (passwd ?? '').split(':').slice(2, 4).map(Number);
    expect(lineOf(path.join(root, 'etc/group'), 'kiosk')).toBe(`kiosk:x:${gid}:`);
    expect(lineOf(path.join(root, 'etc/group'), 'dialout')).toBe('dialout:x:20:kiosk');
    expect(lineOf(path.join(root, 'etc/group'), 'video')).toBe('video:x:44:kiosk');
    expect(Number(uid)).toBeLessThan(1000);

    expect(owner(path.join(root, 'etc/kiosk'))).toEqual({ uid: 0, gid, mode: '0750' });
    expect(owner(path.join(root, 'var/lib/kiosk'))).toEqual({ uid, gid, mode: '0700' });
    expect(owner(path.join(root, 'var/log/kiosk'))).toEqual({ uid, gid, mode: '0750' });

    const help = run(path.join(root, paths.linux.cli), ['--help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: kiosk-config <command>');
    const bad = run(path.join(root, paths.linux.cli), ['no-such-command']);
    expect(bad.status).toBe(64);
  });

  it('its postinst run again changes nothing and repairs a folder made by hand', () => {
    const before = ['etc/passwd', 'etc/group'].map((f) => readFileSync(path.join(root, f), 'utf8'));
    chmodSync(path.join(root, 'var/lib/kiosk'), 0o755);
    ok('sh', [path.join(root, 'var/lib/dpkg/info/kiosk-terminal.postinst'), 'configure'], {
      ...process.env,
      DPKG_ROOT: root,
    });
    expect(['etc/passwd', 'etc/group'].map((f) => readFileSync(path.join(root, f), 'utf8'))).toEqual(before);
    expect(owner(path.join(root, 'var/lib/kiosk')).mode).toBe('0700');
  });

  it('its unit passes systemd-analyze verify in the installed root; a missing wrapper fails it', () => {
    // The unit's ExecStopPost runs /bin/sh and its default dependencies need the host's targets.
    mkdirSync(path.join(root, 'bin'), { recursive: true });
    copyFileSync('/bin/sh', path.join(root, 'bin/sh'));
    chmodSync(path.join(root, 'bin/sh'), 0o755);
    const units = path.join(root, 'usr/lib/systemd/system');
    mkdirSync(units, { recursive: true });
    for (const target of readdirSync('/lib/systemd/system').filter((f) => f.endsWith('.target')))
      cpSync(path.join('/lib/systemd/system', target), path.join(units, target), { dereference: true });

    const verify = run('systemd-analyze', ['verify', `--root=${root}`, 'kiosk.service']);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stderr).toBe('');

    const wrapper = path.join(root, paths.linux.sessionWrapper);
    const aside = `${wrapper}.aside`;
    cpSync(wrapper, aside);
    rmSync(wrapper);
    try {
      const broken = run('systemd-analyze', ['verify', `--root=${root}`, 'kiosk.service']);
      expect(broken.status).not.toBe(0);
      expect(broken.stderr).toContain(paths.linux.sessionWrapper);
    } finally {
      cpSync(aside, wrapper);
      rmSync(aside);
    }
  });

  it('removal takes the files and keeps the configuration, data and user; purge takes configuration and logs', () => {
    writeFileSync(path.join(root, 'etc/kiosk/kiosk.json'), '{}\n');
    const remove = dpkgIn(root, '--remove', 'kiosk-terminal');
    expect(remove.status, remove.stderr).toBe(0);
    for (const file of [paths.linux.executable, paths.linux.cli, paths.linux.unit, paths.linux.udevRules])
      expect(existsSync(path.join(root, file)), file).toBe(false);
    expect(existsSync(path.join(root, 'etc/kiosk/kiosk.json'))).toBe(true);
    expect(lineOf(path.join(root, 'etc/passwd'), 'kiosk')).toBeDefined();

    const purge = dpkgIn(root, '--purge', 'kiosk-terminal');
    expect(purge.status, purge.stderr).toBe(0);
    expect(existsSync(path.join(root, 'etc/kiosk'))).toBe(false);
    expect(existsSync(path.join(root, 'var/log/kiosk'))).toBe(false);
    // The outbox may hold undelivered transactions: kept, with its owner.
    expect(existsSync(path.join(root, 'var/lib/kiosk'))).toBe(true);
    expect(lineOf(path.join(root, 'etc/passwd'), 'kiosk')).toBeDefined();
  });
});

describe('package-deb refuses', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'deb-refuse-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an app folder without the executable, naming it, and writes no package', () => {
    const out = path.join(dir, 'out-empty');
    mkdirSync(path.join(dir, 'empty-app'));
    expect(() => buildDeb({ appDir: path.join(dir, 'empty-app'), outDir: out })).toThrow(PackageError);
    expect(() => buildDeb({ appDir: path.join(dir, 'empty-app'), outDir: out })).toThrow(
      `${path.join(dir, 'empty-app', 'kiosk-terminal')} does not exist`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('deploy files that disagree with electron-builder.yml, naming each, and writes no package', () => {
    const project = path.join(dir, 'project');
    for (const file of ['electron-builder.yml', 'package.json'])
      cpSync(path.join(projectRoot, file), path.join(project, file));
    cpSync(path.join(projectRoot, 'deploy'), path.join(project, 'deploy'), { recursive: true });
    const unit = path.join(project, 'deploy/linux/kiosk.service');
    writeFileSync(
      unit,
      readFileSync(unit, 'utf8').replace(/^ExecStart=\S+/m, 'ExecStart=/opt/kiosk-terminal/kiosk-terminal'),
    );
    const app = path.join(dir, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'kiosk-terminal'), '#!/bin/sh\n', { mode: 0o755 });
    const out = path.join(dir, 'out-mismatch');
    expect(() => buildDeb({ appDir: app, outDir: out, root: project })).toThrow(
      'deploy/linux/kiosk.service must contain ExecStart=/usr/lib/kiosk-terminal/kiosk-session',
    );
    expect(existsSync(out)).toBe(false);
  });
});
