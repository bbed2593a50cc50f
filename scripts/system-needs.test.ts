import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chromiumPaths, ensureSystemNeeds } from './system-needs.mjs';

let dir: string;
let bin: string;

function script(name: string, body: string): void {
  const file = join(bin, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}

/** The kiosk session's tools, present as commands on PATH. */
function sessionTools(): void {
  for (const name of ['cage', 'Xwayland', 'systemd-analyze', 'udevadm', 'fakeroot']) script(name, 'exit 0');
  for (const name of ['spd-say', 'espeak-ng', 'sox', 'sd_espeak-ng']) script(name, 'exit 0');
  for (const name of ['zbarimg', 'pdftotext', 'cupsd', 'cups-pdf']) script(name, 'exit 0');
}

/**
 * A machine whose font and libusb are there, as fontconfig and ldconfig report them, and the
 * session's tools.
 */
function fontAndLibusb(): void {
  script('fc-list', 'echo "WenQuanYi Zen Hei,文泉驛正黑"');
  script('ldconfig', 'echo "	libusb-1.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libusb-1.0.so.0"');
  sessionTools();
}

function check(isRoot: boolean): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = ensureSystemNeeds({
    env: { PATH: bin },
    isRoot,
    platform: 'linux',
    chromiumPaths: [join(bin, 'chromium')],
    speechModule: join(bin, 'sd_espeak-ng'),
    cupsPdfBackend: join(bin, 'cups-pdf'),
    print: (line) => lines.push(line),
  });
  return { code, lines };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'system-needs-'));
  // The only directory on PATH: it holds every command this machine has.
  bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(dir, 'apt.log'), '');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('system needs', () => {
  it('stops with one line naming Chromium, socat and the command, when it cannot install', () => {
    fontAndLibusb();
    script('apt-get', `echo "$@" >> ${join(dir, 'apt.log')}`);

    const { code, lines } = check(false);

    expect(code).not.toBe(0);
    expect(lines).toEqual([
      'system-needs: missing Chromium, socat; run: sudo apt-get install -y --no-install-recommends chromium socat',
    ]);
    expect(readFileSync(join(dir, 'apt.log'), 'utf8')).toBe('');
  });

  it('names every package when neither the font nor libusb can be found either', () => {
    const { code, lines } = check(false);

    expect(code).not.toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      'sudo apt-get install -y --no-install-recommends chromium socat fonts-wqy-zenhei',
    );
  });

  it('as root without apt-get names the command without sudo', () => {
    fontAndLibusb();

    const { code, lines } = check(true);

    expect(code).not.toBe(0);
    expect(lines).toEqual([
      'system-needs: missing Chromium, socat; run: apt-get install -y --no-install-recommends chromium socat',
    ]);
  });

  it('as root with apt-get installs what is missing, says so in one line and passes', () => {
    fontAndLibusb();
    const log = join(dir, 'apt.log');
    // The fake apt-get records each call and, on install, puts the commands where the check looks.
    script(
      'apt-get',
      [
        'PATH=/usr/bin:/bin',
        `echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> ${log}`,
        'if [ "$1" = install ]; then',
        `  printf '#!/bin/sh\\n' > ${join(bin, 'socat')}; chmod +x ${join(bin, 'socat')}`,
        `  printf '#!/bin/sh\\n' > ${join(bin, 'chromium')}; chmod +x ${join(bin, 'chromium')}`,
        'fi',
      ].join('\n'),
    );

    const { code, lines } = check(true);

    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'DEBIAN_FRONTEND=noninteractive update -qq',
      'DEBIAN_FRONTEND=noninteractive install -y -qq --no-install-recommends chromium socat',
    ]);
    expect(lines).toEqual(['system-needs: installing chromium socat with apt-get (missing Chromium, socat)']);
    expect(code).toBe(0);
  });

  it('fails in the line after the install line when apt-get fails', () => {
    fontAndLibusb();
    script('apt-get', 'echo "E: Unable to locate package chromium" >&2; exit 100');

    const { code, lines } = check(true);

    expect(code).not.toBe(0);
    expect(lines).toEqual([
      'system-needs: installing chromium socat with apt-get (missing Chromium, socat)',
      'system-needs: apt-get update -qq failed (exit 100): E: Unable to locate package chromium',
    ]);
  });

  it('prints nothing and runs no apt-get when everything is there', () => {
    fontAndLibusb();
    script('socat', '');
    script('chromium', '');
    script('apt-get', `echo "$@" >> ${join(dir, 'apt.log')}`);

    const { code, lines } = check(false);

    expect(code).toBe(0);
    expect(lines).toEqual([]);
    expect(readFileSync(join(dir, 'apt.log'), 'utf8')).toBe('');
  });

  it('names the speech engine and sox when the voice test could not run', () => {
    fontAndLibusb();
    script('chromium', 'exit 0');
    script('socat', 'exit 0');
    for (const name of ['spd-say', 'sd_espeak-ng', 'sox']) rmSync(join(bin, name));

    const { code, lines } = check(false);

    expect(code).not.toBe(0);
    expect(lines).toEqual([
      "system-needs: missing speech-dispatcher, speech-dispatcher's espeak-ng module, sox; run: sudo apt-get install -y --no-install-recommends speech-dispatcher speech-dispatcher-espeak-ng sox",
    ]);
  });

  it('looks for Chromium where the tests do, CHROMIUM_PATH first', () => {
    expect(chromiumPaths({ CHROMIUM_PATH: '/opt/chromium/chrome' })).toEqual([
      '/opt/chromium/chrome',
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
    ]);
  });
});
