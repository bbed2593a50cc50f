import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPin } from '../electron/backend/maintenance/index';
import {
  FAKE_CITIZEN_REF_KEY,
  FAKE_ENROLMENT_CODE,
  FAKE_ISSUED_TOKEN,
  startFakeCentral,
  type FakeCentral,
} from '../test/support/fake-central';
import { EXIT, runCli } from './cli';
import { previousPathOf } from './config-file';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'kiosk-config', 'cli.ts');
/** tsx's loader by absolute URL: the CLI runs in a temp folder where "tsx" does not resolve. */
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Runs the CLI as field staff do (a separate process through tsx), in a temp folder. */
function cli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', TSX, CLI, ...args],
      {
        cwd: tmp(),
        env: { ...process.env, KIOSK_CONFIG: '', npm_lifecycle_event: '', ...options.env },
        timeout: 30_000,
      },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.stdin ?? '');
  });
}

const tmp = () => mkdtempSync(join(tmpdir(), 'kiosk-cli-'));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function writeConfig(content: unknown): string {
  const path = join(tmp(), 'kiosk.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const created = [
  '--terminal-id',
  'KIOSK-SC-017',
  '--hall-id',
  'HALL-CITY-01',
  '--hall-name',
  '上城区市民之家',
];

describe('kiosk-config CLI: help and usage', () => {
  it('prints the overview with the exit codes, and help for every command', async () => {
    const all = await cli(['--help']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('Exit codes:');
    for (const c of ['create', 'validate', 'print', 'devices', 'enrol', 'self-test', 'set-pin']) {
      expect(all.stdout).toContain(`  ${c}`);
      const one = await cli([c, '--help']);
      expect(one.code, c).toBe(0);
      expect(one.stdout, c).toContain(`Usage: kiosk-config ${c}`);
    }
    // In a developer checkout, through npm, the usage says so.
    const viaNpm = await cli(['validate', '--help'], { env: { npm_lifecycle_event: 'kiosk-config' } });
    expect(viaNpm.stdout).toContain('Usage: npm run kiosk-config -- validate');
  }, 60_000);

  it('refuses no command, an unknown command and an unknown option with 64', async () => {
    expect((await cli([])).code).toBe(EXIT.usage);
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const option = await cli(['validate', '--colour']);
    expect(option.code).toBe(EXIT.usage);
    expect(option.stderr).toMatch(/Unknown option '--colour'/);
  });
});

describe('kiosk-config create', () => {
  it('creates a valid file from each profile', async () => {
    for (const profile of ['city-hall', 'district', 'township', 'community']) {
      const out = join(tmp(), 'kiosk.json');
      const r = await cli(['create', '--profile', profile, ...created, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect((await cli(['validate', out])).code).toBe(0);
      expect(json(out)).toMatchObject({ terminalId: 'KIOSK-SC-017', hall: { name: '上城区市民之家' } });
    }
    const out = join(tmp(), 'k.json');
    await cli(['create', '--profile', 'township', ...created, '--region-code', '330102001000', '--out', out]);
    expect(json(out).region).toEqual({ level: 'street', code: '330102001000' });
    // Nine CLI processes, each a fresh tsx start: on two shared cores that is more than the default.
  }, 60_000);

  it("puts the store and its key in the kiosk's own folder, absolute, whatever folder it runs from", async () => {
    const out = join(tmp(), 'kiosk.json');
    expect((await cli(['create', '--profile', 'district', ...created, '--out', out])).code).toBe(0);
    expect(json(out)).toMatchObject({
      dataDir: '/var/lib/kiosk/data',
      store: { keyFile: '/var/lib/kiosk/keys/store.key' },
    });
    const elsewhere = join(tmp(), 'other.json');
    const state = join(tmp(), 'state');
    const r = await cli([
      'create',
      '--profile',
      'district',
      ...created,
      '--state-dir',
      state,
      '--out',
      elsewhere,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(json(elsewhere)).toMatchObject({
      dataDir: join(state, 'data'),
      store: { keyFile: join(state, 'keys', 'store.key') },
    });
    const refusedOut = join(tmp(), 'r.json');
    const relative = await cli([
      'create',
      '--profile',
      'district',
      ...created,
      '--state-dir',
      'state',
      '--out',
      refusedOut,
    ]);
    expect(relative.code).toBe(EXIT.usage);
    expect(relative.stderr).toContain('--state-dir: got "state", expected an absolute folder');
    expect(existsSync(refusedOut)).toBe(false);
  }, 30_000);

  it('refuses to overwrite without --force, and keeps the previous file with it', async () => {
    const out = writeConfig({ terminalId: 'OLD-1' });
    const refused = await cli(['create', '--profile', 'district', ...created, '--out', out]);
    expect(refused.code).toBe(EXIT.config);
    expect(refused.stderr).toContain('--force');
    const forced = await cli(['create', '--profile', 'district', ...created, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(json(previousPathOf(out))).toEqual({ terminalId: 'OLD-1' });
  });

  it('refuses bad input with clear messages', async () => {
    const out = join(tmp(), 'k.json');
    const unknown = await cli(['create', '--profile', 'village', ...created, '--out', out]);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toContain('expected one of city-hall, community, district, township');
    const missing = await cli(['create', '--profile', 'district', '--out', out]);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain('--terminal-id is required');
    const noOut = await cli(['create', '--profile', 'district', ...created]);
    expect(noOut.code).toBe(EXIT.usage);
    const badId = await cli([
      'create',
      '--profile',
      'district',
      ...created.slice(0, 0),
      '--terminal-id',
      'a b',
      '--hall-id',
      'H',
      '--hall-name',
      'N',
      '--out',
      out,
    ]);
    expect(badId.code).toBe(EXIT.config);
    expect(badId.stderr).toContain('terminalId: got "a b", expected letters, digits and dashes');
    const badRegion = await cli([
      'create',
      '--profile',
      'district',
      ...created,
      '--region-code',
      '12',
      '--out',
      out,
    ]);
    expect(badRegion.code).toBe(EXIT.config);
    expect(badRegion.stderr).toContain('region.code: got "12", expected a 12-digit region code');
    expect(existsSync(out)).toBe(false);
  });
});

describe('kiosk-config validate and print', () => {
  it('names each bad field, value and expectation (exit 2)', async () => {
    const path = writeConfig({ devices: { receiptPrinter: { paperWidthMm: 70 } }, terminalId: 'x' });
    const r = await cli(['validate', path]);
    expect(r.code).toBe(EXIT.config);
    expect(r.stderr).toContain(
      'devices.receiptPrinter.paperWidthMm: got 70, expected a paper width of 58 or 80 (mm)',
    );
    expect(r.stderr).toContain(
      'terminalId: got "x", expected letters, digits and dashes, 3 to 40 characters',
    );
    const remote = await cli(['validate', writeConfig({ central: { mode: 'remote' } })]);
    expect(remote.code).toBe(EXIT.config);
    expect(remote.stderr).toContain(
      'central.baseUrl: got nothing, expected a remote central API needs its base URL',
    );
  });

  it('reports a file that is not JSON, is missing, or is not named', async () => {
    const notJson = await cli(['validate', writeConfig('{"terminalId": ')]);
    expect(notJson.code).toBe(EXIT.config);
    expect(notJson.stderr).toContain('is not valid JSON');
    const missing = await cli(['validate', '/nonexistent/kiosk.json']);
    expect(missing.code).toBe(EXIT.config);
    expect(missing.stderr).toContain('cannot be read (ENOENT)');
    expect((await cli(['validate'])).code).toBe(EXIT.usage);
    const viaEnv = await cli(['validate'], { env: { KIOSK_CONFIG: writeConfig({}) } });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.stdout).toContain('is valid');
  });

  it('prints the effective configuration with secrets redacted', async () => {
    const path = writeConfig({ central: { deviceToken: 'very-secret-token-123456' } });
    const r = await cli(['print', '--config', path]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('very-secret-token');
    const printed = JSON.parse(r.stdout) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(printed.central).toMatchObject({ deviceToken: '[redacted]', citizenRefKey: '[redacted]' });
    expect(printed.devices.receiptPrinter.paperWidthMm).toBe(80);
    expect((await cli(['print'])).code).toBe(0);
    expect((await cli(['print', writeConfig({ idle: { sessionSeconds: 1 } })])).code).toBe(EXIT.config);
  });
});

describe('kiosk-config devices', () => {
  it('lists what the machine has (exit 0) and as JSON', async () => {
    const r = await cli(['devices']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Serial ports \(\d+\):/);
    const j = await cli(['devices', '--json']);
    expect(JSON.parse(j.stdout)).toHaveProperty('serial');
  });

  it('shows VID:PID and the stable path of each device', async () => {
    const out: string[] = [];
    const code = await runCli(['devices'], {
      out: (t) => out.push(t),
      err: (t) => out.push(t),
      stdin: async () => '',
      env: {},
      fetch,
      discover: async () => ({
        serial: [
          {
            path: '/dev/ttyUSB0',
            stablePath: '/dev/serial/by-id/usb-SDT_reader-if00',
            vendorId: '0400',
            productId: 'c35a',
          },
          { path: '/dev/ttyS0' },
        ],
        hid: [{ vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, product: 'Scanner' }],
      }),
    });
    expect(code).toBe(0);
    expect(out.join('\n')).toBe(
      [
        'Serial ports (2):',
        '  0400:c35a  /dev/serial/by-id/usb-SDT_reader-if00',
        '  ----:----  /dev/ttyS0 (no stable name)',
        'HID devices (1):',
        '  0c2e:0b61  vendorId 3118 productId 2913  usagePage 140  Scanner',
      ].join('\n'),
    );
  });
});

describe('kiosk-config set-pin', () => {
  it('stores only a scrypt hash of the PIN read from stdin', async () => {
    const path = writeConfig({ terminalId: 'KIOSK-A' });
    const r = await cli(['set-pin', '--config', path], { stdin: '24681357\n' });
    expect(r.code, r.stderr).toBe(0);
    const file = readFileSync(path, 'utf8');
    expect(file).not.toContain('24681357');
    const hash = json(path).maintenance.pinHash as string;
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPin('24681357', hash)).toBe(true);
    expect(json(path).terminalId).toBe('KIOSK-A');
  });

  it('refuses a bad PIN (64), a missing or invalid file (2)', async () => {
    const path = writeConfig({});
    for (const pin of ['12345\n', '12ab5678\n', '\n', '1234567890123\n']) {
      const r = await cli(['set-pin', '--config', path], { stdin: pin });
      expect(r.code, pin).toBe(EXIT.usage);
      expect(r.stderr).toContain('6 to 12 digits');
    }
    expect(readFileSync(path, 'utf8')).toBe('{}');
    expect((await cli(['set-pin', '--config', '/nonexistent.json'], { stdin: '123456\n' })).code).toBe(
      EXIT.config,
    );
    expect((await cli(['set-pin', '--config', writeConfig({ idle: 5 })], { stdin: '123456\n' })).code).toBe(
      EXIT.config,
    );
    expect((await cli(['set-pin'], { stdin: '123456\n' })).code).toBe(EXIT.usage);
  });
});

describe('kiosk-config enrol', () => {
  let central: FakeCentral;
  beforeAll(async () => {
    central = await startFakeCentral();
  });
  afterAll(() => central.close());

  it('refuses bad input before calling anyone', async () => {
    const path = writeConfig({});
    const badCode = await cli(['enrol', '--config', path, '--code', 'hello', '--central', central.baseUrl]);
    expect(badCode.code).toBe(EXIT.usage);
    expect(badCode.stderr).toContain('expected a one-time code like 7KQ2-M9XD-4HTP');
    const noCentral = await cli(['enrol', '--config', path, '--code', FAKE_ENROLMENT_CODE]);
    expect(noCentral.code).toBe(EXIT.usage);
    expect(noCentral.stderr).toContain('--central <url>');
    const badUrl = await cli([
      'enrol',
      '--config',
      path,
      '--code',
      FAKE_ENROLMENT_CODE,
      '--central',
      'not a url',
    ]);
    expect(badUrl.code).toBe(EXIT.usage);
    const plainHttp = await cli([
      'enrol',
      '--config',
      path,
      '--code',
      FAKE_ENROLMENT_CODE,
      '--central',
      'http://user:pw-secret@central.example.gov.cn',
    ]);
    expect(plainHttp.code).toBe(EXIT.usage);
    expect(plainHttp.stderr).toContain('expected a URL without a user name or password');
    expect(plainHttp.stderr).not.toContain('pw-secret');
    const clear = await cli([
      'enrol',
      '--config',
      path,
      '--code',
      FAKE_ENROLMENT_CODE,
      '--central',
      'http://10.1.2.3',
    ]);
    expect(clear.code).toBe(EXIT.usage);
    expect(clear.stderr).toContain('--central: got "http://10.1.2.3", expected an https:// URL');
    expect((await cli(['enrol', '--config', path])).code).toBe(EXIT.usage);
    const invalid = await cli([
      'enrol',
      '--config',
      writeConfig({ idle: 5 }),
      '--code',
      FAKE_ENROLMENT_CODE,
      '--central',
      central.baseUrl,
    ]);
    expect(invalid.code).toBe(EXIT.config);
    expect(central.enrolments).toEqual([]);
  });

  it('says so when the central cannot be reached (exit 1)', async () => {
    // A port that was just free: nothing listens there.
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise((r) => server.close(r));
    const url = `http://127.0.0.1:${port}`;
    const r = await cli([
      'enrol',
      '--config',
      writeConfig({}),
      '--code',
      FAKE_ENROLMENT_CODE,
      '--central',
      url,
    ]);
    expect(r.code).toBe(EXIT.failed);
    expect(r.stderr).toContain('cannot be reached (ECONNREFUSED)');
  });

  it('enrols with the one-time code and saves the token without printing it; a spent code is refused', async () => {
    const path = writeConfig({ terminalId: 'KIOSK-SC-017' });
    const r = await cli([
      'enrol',
      '--config',
      path,
      '--code',
      FAKE_ENROLMENT_CODE.toLowerCase(),
      '--central',
      central.baseUrl,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Enrolled KIOSK-SC-017 in hall HALL-CITY-01');
    expect(r.stdout + r.stderr).not.toContain(FAKE_ISSUED_TOKEN);
    expect(r.stdout + r.stderr).not.toContain(FAKE_CITIZEN_REF_KEY);
    expect(json(path).central).toMatchObject({
      mode: 'remote',
      baseUrl: central.baseUrl,
      deviceToken: FAKE_ISSUED_TOKEN,
      citizenRefKey: FAKE_CITIZEN_REF_KEY,
    });
    expect(central.enrolments).toEqual([{ terminalId: 'KIOSK-SC-017', code: FAKE_ENROLMENT_CODE }]);
    expect((await cli(['validate', path])).code).toBe(0);

    const again = await cli(['enrol', '--config', path, '--code', FAKE_ENROLMENT_CODE]);
    expect(again.code).toBe(EXIT.failed);
    expect(again.stderr).toContain('unknown, already used or expired');
  });
});

describe('kiosk-config self-test', () => {
  it('marks simulated devices SIMULATED, not PASS, and prints a test page on request', async () => {
    const r = await cli(['self-test', '--print']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('SIMULATED  idCardReader');
    expect(r.stdout).toContain('SIMULATED  receiptPrinter  test page printed');
    expect(r.stdout).not.toContain('PASS');
  });

  it('fails (exit 1) and names the device that does not answer', async () => {
    const path = writeConfig({
      devices: { receiptPrinter: { transport: { kind: 'tcp', host: '127.0.0.1', port: 1 } } },
    });
    const r = await cli(['self-test', '--config', path]);
    expect(r.code).toBe(EXIT.failed);
    expect(r.stdout).toContain('SIMULATED  idCardReader');
    expect(r.stdout).toMatch(/FAIL {2}receiptPrinter/);
    expect((await cli(['self-test', '--config', writeConfig({ idle: 5 })])).code).toBe(EXIT.config);
  });

  it('diagnoses a missing card reader: FAIL names the reader, the rest still runs', async () => {
    const path = writeConfig({
      devices: {
        idCardReader: { transport: { kind: 'serial', path: '/dev/serial/by-id/usb-missing-reader-if00' } },
      },
    });
    const r = await cli(['self-test', '--config', path]);
    expect(r.code).toBe(EXIT.failed);
    expect(r.stdout).toMatch(/FAIL {2}idCardReader/);
    expect(r.stdout).toContain('SIMULATED  receiptPrinter');
  });
});
