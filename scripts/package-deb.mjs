#!/usr/bin/env node
/**
 * Builds the kiosk terminal's .deb with Debian's dpkg-deb from an app folder and deploy/linux/:
 *
 *   node scripts/package-deb.mjs --app release/linux-unpacked [--out release] [--arch amd64]
 *
 * `npm run package` on Linux runs it on electron-builder's unpacked app; the package test runs it
 * on a stand-in app folder. One code path for both, so what CI installs and removes is laid out
 * exactly like the real package. Layout (scripts/install-paths.mjs, from electron-builder.yml):
 *
 *   /opt/Kiosk Terminal/                       the app folder (kiosk-terminal is its binary)
 *   /usr/bin/kiosk-config                      the provisioning CLI (runs the app in CLI mode)
 *   /usr/lib/kiosk-terminal/kiosk-session      what kiosk.service runs (cage + leave-kiosk request)
 *   /lib/systemd/system/kiosk.service          not enabled by the package
 *   /lib/udev/rules.d/99-kiosk-devices.rules
 *   /usr/lib/systemd/logind.conf.d/kiosk.conf  /usr/lib/sysctl.d/90-kiosk.conf
 *   /usr/share/doc/kiosk-terminal/README.md    deploy/README.md
 *   DEBIAN/{control,postinst,prerm,postrm}
 *
 * Why not electron-builder's deb target: it goes through fpm (Ruby, downloaded into its cache) and
 * its maintainer scripts cannot create the kiosk user; dpkg-deb is Debian's own tool and present
 * wherever a .deb is built.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deployFileMismatches, installPaths, projectRoot } from './install-paths.mjs';

export class PackageError extends Error {}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new PackageError(`${command} cannot be started (${result.error.message})`);
  if (result.status !== 0)
    throw new PackageError(
      `${command} ${args.join(' ')} failed (exit ${result.status}): ${result.stderr.trim()}`,
    );
  return result.stdout;
}

/** Installed-Size in KiB, as dpkg counts it (near enough: file sizes rounded up per file). */
function sizeKiB(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += sizeKiB(full);
    else if (entry.isFile()) total += Math.ceil(statSync(full).size / 1024);
    else total += 1;
  }
  return total;
}

function place(stage, from, to, mode) {
  const target = path.join(stage, to);
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(from, target);
  chmodSync(target, mode);
}

/** dpkg-deb --build insists that no folder in the package be group- or world-writable. */
function normaliseFolders(dir) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    if (entry.isDirectory()) normaliseFolders(path.join(dir, entry.name));
}

/**
 * @param {{ appDir: string, outDir: string, arch?: string, root?: string }} options
 * @returns {string} the .deb's path
 */
export function buildDeb({ appDir, outDir, arch, root = projectRoot }) {
  const paths = installPaths({
    builderConfig: path.join(root, 'electron-builder.yml'),
    packageJson: path.join(root, 'package.json'),
  });
  const mismatches = deployFileMismatches(root, paths);
  if (mismatches.length)
    throw new PackageError(`deploy files disagree with electron-builder.yml:\n  ${mismatches.join('\n  ')}`);
  const executable = path.join(appDir, paths.linux.executableName);
  if (!existsSync(executable))
    throw new PackageError(
      `${executable} does not exist: --app must be the unpacked app folder (release/linux-unpacked)`,
    );
  const architecture = arch ?? run('dpkg', ['--print-architecture']).trim();
  const deploy = (name) => path.join(root, 'deploy', 'linux', name);

  const stage = mkdtempSync(path.join(os.tmpdir(), 'kiosk-deb-'));
  // The staging folder is the package's "./": mkdtemp's 0700 must not become the mode of /.
  chmodSync(stage, 0o755);
  try {
    const appTarget = path.join(stage, paths.linux.appDir);
    mkdirSync(path.dirname(appTarget), { recursive: true });
    // verbatimSymlinks: the app folder's own links stay links, as electron-builder made them.
    cpSync(appDir, appTarget, { recursive: true, verbatimSymlinks: true });
    chmodSync(path.join(appTarget, paths.linux.executableName), 0o755);
    place(stage, deploy('kiosk-config'), paths.linux.cli, 0o755);
    place(stage, deploy('kiosk-session'), paths.linux.sessionWrapper, 0o755);
    place(stage, deploy('kiosk.service'), paths.linux.unit, 0o644);
    place(stage, deploy('99-kiosk-devices.rules'), paths.linux.udevRules, 0o644);
    place(stage, deploy('logind-kiosk.conf'), paths.linux.logindDropIn, 0o644);
    place(stage, deploy('sysctl-kiosk.conf'), paths.linux.sysctlDropIn, 0o644);
    place(stage, path.join(root, 'deploy', 'README.md'), `${paths.linux.docs}/README.md`, 0o644);
    normaliseFolders(path.join(stage, 'usr'));
    normaliseFolders(path.join(stage, 'lib'));
    chmodSync(path.join(stage, 'opt'), 0o755);

    const control = path.join(stage, 'DEBIAN');
    mkdirSync(control, { mode: 0o755 });
    for (const script of ['postinst', 'prerm', 'postrm'])
      place(stage, deploy(script), `DEBIAN/${script}`, 0o755);
    writeFileSync(
      path.join(control, 'control'),
      [
        `Package: ${paths.packageName}`,
        `Version: ${paths.version}`,
        `Architecture: ${architecture}`,
        'Maintainer: Kiosk terminal team <kiosk-team@example.gov.cn>',
        `Installed-Size: ${sizeKiB(stage)}`,
        `Depends: ${paths.debDepends.join(', ')}`,
        'Section: misc',
        'Priority: optional',
        'Description: Self-service kiosk terminal of the one-window government service',
        ` ${paths.productName} in a cage Wayland kiosk session (kiosk.service, not enabled by the`,
        ' package), the kiosk-config provisioning command, udev rules for the card reader, printer',
        ' and scanner, and the kiosk system user. See /usr/share/doc/kiosk-terminal/README.md.',
        '',
      ].join('\n'),
      { mode: 0o644 },
    );

    mkdirSync(outDir, { recursive: true });
    const deb = path.join(path.resolve(outDir), `${paths.packageName}_${paths.version}_${architecture}.deb`);
    // --root-owner-group: every file root:root in the package whoever builds it (no fakeroot needed).
    run('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', stage, deb]);
    return deb;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let values;
  try {
    ({ values } = parseArgs({
      options: { app: { type: 'string' }, out: { type: 'string' }, arch: { type: 'string' } },
    }));
  } catch (err) {
    console.error(`package-deb: ${err.message}`);
    process.exit(64);
  }
  if (!values.app) {
    console.error(
      'Usage: node scripts/package-deb.mjs --app <unpacked app folder> [--out <dir>] [--arch <arch>]',
    );
    process.exit(64);
  }
  try {
    const deb = buildDeb({
      appDir: path.resolve(values.app),
      outDir: values.out ?? 'release',
      arch: values.arch,
    });
    console.log(`package-deb: ${path.relative(process.cwd(), deb)}`);
  } catch (err) {
    if (!(err instanceof PackageError)) throw err;
    console.error(`package-deb: ${err.message}`);
    process.exit(1);
  }
}
