#!/usr/bin/env node
/**
 * What `npm test` needs from the machine beyond `npm install`, checked before any test runs so a
 * bare machine fails in one line instead of deep inside a test:
 * - Chromium where the end-to-end and browser-host tests look for it (test/support/chromium.ts);
 * - socat, which makes the serial PTY pairs the device drivers are tested over;
 * - a CJK font, without which Chromium draws the Chinese screens as empty boxes;
 * - libusb-1.0, which node-hid's Linux binding loads;
 * - cage, Xwayland, systemd-analyze, udevadm and fakeroot, for the kiosk session and package tests;
 * - speech-dispatcher with espeak-ng, the kiosk's speech engine on Linux, and sox for the voice test;
 * - zbarimg, pdftotext, and CUPS with the cups-pdf printer, for the document camera and A4 printer tests.
 *
 * As root with apt-get it installs what is missing and says so in one line; otherwise it exits
 * non-zero with one line naming what is missing and the command that installs it. When all is
 * present it prints nothing. Plain Node with no dependencies: `.ci/run` calls it before `npm ci`.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the tests look for Chromium, in their order (test/support/chromium.ts). */
export function chromiumPaths(env) {
  return [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
}

/** Where Debian's speech-dispatcher-espeak-ng puts the module speech-dispatcher loads. */
export const SPEECH_MODULE = '/usr/lib/speech-dispatcher-modules/sd_espeak-ng';

/** Where Debian's printer-driver-cups-pdf puts the CUPS backend. */
export const CUPS_PDF_BACKEND = '/usr/lib/cups/backend/cups-pdf';

/** ldconfig lives in sbin, which an ordinary user's PATH lacks. */
const SBIN = ['/usr/sbin', '/sbin'];

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` in the PATH directories, or null. */
export function findCommand(name, dirs) {
  for (const dir of dirs) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return null;
}

function pathDirs(env) {
  return (env.PATH ?? '').split(path.delimiter);
}

/** Runs a command to completion; its output is captured so that ours stays one line. */
export function runCommand(file, args, env) {
  const result = spawnSync(file, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Each need: what it is called in our message, the Debian package that brings it, and its check. */
const NEEDS = [
  {
    name: 'Chromium',
    pkg: 'chromium',
    present: ({ env, options }) => (options.chromiumPaths ?? chromiumPaths(env)).some(isExecutable),
  },
  {
    name: 'socat',
    pkg: 'socat',
    present: ({ env }) => findCommand('socat', pathDirs(env)) !== null,
  },
  {
    name: 'a CJK font',
    // Brings fontconfig (fc-list) too.
    pkg: 'fonts-wqy-zenhei',
    present: ({ env, run }) => {
      const fcList = findCommand('fc-list', pathDirs(env));
      if (!fcList) return false;
      // Any font that covers Chinese will do; Debian's smallest is WenQuanYi Zen Hei.
      const { status, stdout } = run(fcList, [':lang=zh', 'family'], env);
      return status === 0 && stdout.trim() !== '';
    },
  },
  {
    name: 'libusb-1.0',
    pkg: 'libusb-1.0-0',
    present: ({ env, run }) => {
      const ldconfig = findCommand('ldconfig', [...pathDirs(env), ...SBIN]);
      if (!ldconfig) return false;
      const { status, stdout } = run(ldconfig, ['-p'], env);
      return status === 0 && /libusb-1\.0\.so\.0/.test(stdout);
    },
  },
  // The kiosk session's tests: the compositor in its headless backend, the X server it needs for
  // Electron's X11 fallback, and the tools that check the unit, the udev rules and the package.
  {
    name: 'cage',
    pkg: 'cage',
    present: ({ env }) => findCommand('cage', pathDirs(env)) !== null,
  },
  {
    name: 'Xwayland',
    pkg: 'xwayland',
    present: ({ env }) => findCommand('Xwayland', pathDirs(env)) !== null,
  },
  {
    name: 'systemd-analyze',
    pkg: 'systemd',
    present: ({ env }) => findCommand('systemd-analyze', pathDirs(env)) !== null,
  },
  {
    name: 'udevadm',
    pkg: 'udev',
    present: ({ env }) => findCommand('udevadm', pathDirs(env)) !== null,
  },
  {
    name: 'fakeroot',
    pkg: 'fakeroot',
    present: ({ env }) => findCommand('fakeroot', pathDirs(env)) !== null,
  },
  // Voice guidance: the speech engine the kiosk speaks through on Linux (speech-dispatcher with
  // espeak-ng's Mandarin voice), and sox, with which the voice test checks the recorded audio.
  {
    name: 'speech-dispatcher',
    pkg: 'speech-dispatcher',
    present: ({ env }) => findCommand('spd-say', pathDirs(env)) !== null,
  },
  {
    name: "speech-dispatcher's espeak-ng module",
    pkg: 'speech-dispatcher-espeak-ng',
    present: ({ options }) => isExecutable(options.speechModule ?? SPEECH_MODULE),
  },
  {
    name: 'espeak-ng',
    pkg: 'espeak-ng',
    present: ({ env }) => findCommand('espeak-ng', pathDirs(env)) !== null,
  },
  {
    name: 'sox',
    pkg: 'sox',
    present: ({ env }) => findCommand('sox', pathDirs(env)) !== null,
  },
  // The document camera's test reads the QR code of the captured page back; the A4 printer's test
  // prints to a real CUPS server with the cups-pdf virtual printer and reads the PDF back as text.
  {
    name: 'zbarimg',
    pkg: 'zbar-tools',
    present: ({ env }) => findCommand('zbarimg', pathDirs(env)) !== null,
  },
  {
    name: 'pdftotext',
    pkg: 'poppler-utils',
    present: ({ env }) => findCommand('pdftotext', pathDirs(env)) !== null,
  },
  {
    name: 'CUPS',
    pkg: 'cups',
    present: ({ env }) => findCommand('cupsd', [...pathDirs(env), ...SBIN]) !== null,
  },
  {
    name: 'the cups-pdf printer',
    pkg: 'printer-driver-cups-pdf',
    present: ({ options }) => isExecutable(options.cupsPdfBackend ?? CUPS_PDF_BACKEND),
  },
];

/** The needs that are not met on this machine. */
export function missingNeeds({ env, run = runCommand, ...options }) {
  return NEEDS.filter((need) => !need.present({ env, run, options }));
}

function lastLine(text) {
  return (
    text
      .trim()
      .split('\n')
      .filter((l) => l.trim())
      .pop() ?? ''
  );
}

/**
 * Checks the machine and, where it can, installs what is missing. Returns the exit code; `print`
 * gets at most one line.
 *
 * @param {object} o
 * @param {NodeJS.ProcessEnv} o.env PATH is where commands are looked for; CHROMIUM_PATH as the tests read it
 * @param {boolean} o.isRoot
 * @param {(line: string) => void} o.print
 * @param {typeof runCommand} [o.run]
 * @param {string[]} [o.chromiumPaths] where Chromium may be, instead of the tests' own places
 * @param {string} [o.speechModule] where speech-dispatcher's espeak-ng module may be, instead of Debian's place
 * @param {string} [o.cupsPdfBackend] where the cups-pdf backend may be, instead of Debian's place
 * @param {string} [o.platform]
 */
export function ensureSystemNeeds({
  env,
  isRoot,
  print,
  run = runCommand,
  platform = process.platform,
  ...options
}) {
  // The packages and checks are Debian's; elsewhere the tests name what they lack themselves.
  if (platform !== 'linux') return 0;
  const missing = missingNeeds({ env, run, ...options });
  if (missing.length === 0) return 0;

  const names = missing.map((n) => n.name).join(', ');
  const pkgs = missing.map((n) => n.pkg);
  const installArgs = ['install', '-y', '-qq', '--no-install-recommends', ...pkgs];
  const aptGet = findCommand('apt-get', pathDirs(env));

  if (!isRoot || !aptGet) {
    const sudo = isRoot ? '' : 'sudo ';
    print(
      `system-needs: missing ${names}; run: ${sudo}apt-get install -y --no-install-recommends ${pkgs.join(' ')}`,
    );
    return 1;
  }

  print(`system-needs: installing ${pkgs.join(' ')} with apt-get (missing ${names})`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], installArgs]) {
    const result = run(aptGet, args, aptEnv);
    if (result.status !== 0) {
      print(
        `system-needs: apt-get ${args.join(' ')} failed (exit ${result.status}): ${lastLine(result.stderr || result.stdout)}`,
      );
      return 1;
    }
  }
  const still = missingNeeds({ env, run, ...options });
  if (still.length > 0) {
    print(
      `system-needs: still missing ${still.map((n) => n.name).join(', ')} after apt-get install ${pkgs.join(' ')}`,
    );
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = ensureSystemNeeds({
    env: process.env,
    isRoot: process.getuid?.() === 0,
    print: (line) => console.log(line),
  });
}
