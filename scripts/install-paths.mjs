/**
 * Where the installers put the kiosk app, derived from electron-builder.yml the way electron-builder
 * itself derives it, so the systemd unit, the session wrapper, the `kiosk-config` command and the
 * Windows Shell Launcher script can be checked against one source (scripts/install-paths.test.ts)
 * and scripts/package-deb.mjs lays the .deb out from it.
 *
 * electron-builder's rules (app-builder-lib 26):
 *   Linux app folder   /opt/<productName, sanitised as a file name>   (LinuxTargetHelper.installPrefix)
 *   Linux executable   linux.executableName, else executableName, else the package name lower-cased
 *   Windows folder     <Program Files>\<productFilename> for a per-machine or assisted installer
 *   Windows executable <win.executableName, else executableName, else productName>.exe
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Fixed paths of the files the .deb adds around the app (not electron-builder's business). */
export const debLayout = {
  sessionWrapper: '/usr/lib/kiosk-terminal/kiosk-session',
  unit: '/lib/systemd/system/kiosk.service',
  udevRules: '/lib/udev/rules.d/99-kiosk-devices.rules',
  logindDropIn: '/usr/lib/systemd/logind.conf.d/kiosk.conf',
  sysctlDropIn: '/usr/lib/sysctl.d/90-kiosk.conf',
  cli: '/usr/bin/kiosk-config',
  docs: '/usr/share/doc/kiosk-terminal',
};

/** The default Program Files folder; the engineer may pick another one (allowToChangeInstallationDirectory). */
const PROGRAM_FILES = 'C:\\Program Files';

/** sanitize-filename's rule, which electron-builder applies to product and executable names. */
function sanitizeFileName(name) {
  // eslint-disable-next-line no-control-regex -- control characters are what the rule removes
  const cleaned = name.replace(/[/?<>\\:*|"\u0000-\u001f\u0080-\u009f]/g, '').replace(/^\.+$/, '');
  return cleaned.replace(/[. ]+$/, '');
}

/**
 * @param {{ builderConfig?: string, packageJson?: string }} [files]
 */
export function installPaths(files = {}) {
  const builderFile = files.builderConfig ?? path.join(projectRoot, 'electron-builder.yml');
  const packageFile = files.packageJson ?? path.join(projectRoot, 'package.json');
  const config = parse(readFileSync(builderFile, 'utf8'));
  const pkg = JSON.parse(readFileSync(packageFile, 'utf8'));
  const productName = config.productName ?? pkg.productName ?? pkg.name;
  if (typeof productName !== 'string' || !productName)
    throw new Error(`${builderFile}: productName is missing`);
  const folderName = sanitizeFileName(productName);
  const linuxExecutableName = sanitizeFileName(
    config.linux?.executableName ?? config.executableName ?? pkg.name.toLowerCase(),
  );
  const winExecutableName = sanitizeFileName(
    config.win?.executableName ?? config.executableName ?? productName,
  );
  const perMachineOrAssisted = config.nsis?.perMachine === true || config.nsis?.oneClick === false;
  // electron-builder falls back to the package name for a folder name outside this character set.
  const windowsFolderName =
    perMachineOrAssisted && /^[-_+0-9a-zA-Z .]+$/.test(folderName) ? folderName : pkg.name;
  const linuxAppDir = `/opt/${folderName}`;
  const windowsAppDir = `${PROGRAM_FILES}\\${windowsFolderName}`;
  return {
    packageName: pkg.name,
    version: pkg.version,
    productName,
    linux: {
      appDir: linuxAppDir,
      executable: `${linuxAppDir}/${linuxExecutableName}`,
      executableName: linuxExecutableName,
      ...debLayout,
    },
    windows: {
      appDir: windowsAppDir,
      executable: `${windowsAppDir}\\${winExecutableName}.exe`,
      executableName: `${winExecutableName}.exe`,
      cli: `${windowsAppDir}\\kiosk-config.cmd`,
    },
    /** The Debian runtime packages: cage and Xwayland for the session, then Electron's libraries. */
    debDepends: [...(config.deb?.depends ?? [])],
  };
}

/**
 * What each deploy file must say for the installed layout, as [file, description, test] triples.
 * A file that disagrees makes scripts/package-deb.mjs refuse to build and fails the paths test.
 * @param {ReturnType<typeof installPaths>} paths
 */
export function deployFileExpectations(paths) {
  const { linux, windows } = paths;
  // The wrapper finds the app relative to its own installed location, so it also works unpacked
  // into a throwaway root: /usr/bin/kiosk-config → ../../<app path without the leading slash>.
  const cliRelative = `$here/../..${linux.executable}`;
  return [
    {
      file: 'deploy/linux/kiosk-session',
      expect: `KIOSK_APP="\${KIOSK_APP:-${linux.executable}}"`,
      test: (text) => text.includes(`KIOSK_APP="\${KIOSK_APP:-${linux.executable}}"`),
    },
    {
      file: 'deploy/linux/kiosk.service',
      expect: `ExecStart=${linux.sessionWrapper}`,
      test: (text) => /^ExecStart=(\S+)/m.exec(text)?.[1] === linux.sessionWrapper,
    },
    {
      file: 'deploy/linux/kiosk-config',
      expect: `app="${cliRelative}"`,
      test: (text) => text.includes(`app="${cliRelative}"`),
    },
    {
      file: 'deploy/windows/kiosk-shell.ps1',
      expect: `[string]$Shell = '${windows.executable}'`,
      test: (text) => text.includes(`[string]$Shell = '${windows.executable}'`),
    },
    {
      // The installer include names the executable through electron-builder's own define, so it
      // cannot drift; the check is that it does not hard-code a name instead.
      file: 'deploy/windows/installer.nsh',
      expect: '"%~dp0${APP_EXECUTABLE_FILENAME}" --kiosk-config %*',
      test: (text) => text.includes('"%~dp0${APP_EXECUTABLE_FILENAME}" --kiosk-config %*'),
    },
  ];
}

/**
 * The deploy files that disagree with electron-builder.yml, as plain sentences (empty when all agree).
 * @param {string} [root]
 */
export function deployFileMismatches(root = projectRoot, paths = installPaths()) {
  const problems = [];
  for (const { file, expect, test } of deployFileExpectations(paths)) {
    let text;
    try {
      text = readFileSync(path.join(root, file), 'utf8');
    } catch (err) {
      problems.push(`${file} cannot be read (${err.code ?? err.message})`);
      continue;
    }
    if (!test(text)) problems.push(`${file} must contain ${expect} (from electron-builder.yml)`);
  }
  return problems;
}
