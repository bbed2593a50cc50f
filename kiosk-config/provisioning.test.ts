import { execFile } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyPin } from '../electron/backend/maintenance/index';
import { EXIT, runCli, type Io } from './cli';
import { previousPathOf } from './config-file';
import { DEV_CITIZEN_REF_KEY, DEV_DEVICE_TOKEN } from './schema';

const tmp = () => mkdtempSync(join(tmpdir(), 'kiosk-prov-'));
const modeOf = (path: string) => statSync(path).mode & 0o777;

const REAL_TOKEN = 'issued-device-token-0123456789';
const REAL_KEY = 'issued-citizen-ref-key-0123456';

/** A fully provisioned terminal: real devices, real addresses, enrolled. */
const serviceConfig = {
  terminalId: 'KIOSK-SC-017',
  hall: {
    id: 'HALL-SC-01',
    name: '上城区市民之家',
    queueFollowUrl: 'https://zwfw.hangzhou.gov.cn/q',
    caseFollowUrl: 'https://zwfw.hangzhou.gov.cn/case',
  },
  central: {
    mode: 'remote',
    baseUrl: 'https://central.hangzhou.gov.cn',
    deviceToken: REAL_TOKEN,
    citizenRefKey: REAL_KEY,
  },
  devices: {
    idCardReader: { transport: { kind: 'serial', path: '/dev/serial/by-id/usb-SDT_reader-if00' } },
    receiptPrinter: { transport: { kind: 'usb-printer', path: '/dev/usb/lp0' } },
  },
};

interface Harness {
  io: Io;
  out: string[];
  err: string[];
  fetched: string[];
}

function harness(options: Partial<Io> & { answer?: unknown } = {}): Harness {
  const out: string[] = [];
  const err: string[] = [];
  const fetched: string[] = [];
  const { answer, ...io } = options;
  return {
    out,
    err,
    fetched,
    io: {
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
      stdin: async () => '',
      env: {},
      fetch: (async (input: URL | RequestInfo) => {
        fetched.push(String(input));
        return new Response(JSON.stringify(answer), {
          status: 201,
          headers: { 'content-type': 'application/json' },
        });
      }) as typeof fetch,
      discover: () => Promise.reject(new Error('no device discovery in this test')),
      groupId: () => undefined,
      ...io,
    },
  };
}

function writeConfig(content: unknown, dir = tmp()): string {
  const path = join(dir, 'kiosk.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const createArgs = (out: string) => [
  'create',
  '--profile',
  'district',
  '--terminal-id',
  'KIOSK-SC-017',
  '--hall-id',
  'HALL-SC-01',
  '--hall-name',
  '上城区市民之家',
  '--out',
  out,
];

describe('create into a folder that does not exist yet', () => {
  it('makes the folders 0750 and, without a kiosk group, a private file with a one-line note', async () => {
    const out = join(tmp(), 'etc', 'kiosk', 'kiosk.json');
    const h = harness();
    expect(await runCli(createArgs(out), h.io)).toBe(EXIT.ok);
    expect(modeOf(dirname(out))).toBe(0o750);
    expect(modeOf(dirname(dirname(out)))).toBe(0o750);
    expect(modeOf(out)).toBe(0o600);
    expect(h.err).toHaveLength(1);
    expect(h.err[0]).toMatch(
      /^Note: there is no "kiosk" group .* the kiosk service user must be able to read it/,
    );
  });

  it('with a kiosk group, writes the file root:kiosk 0640 and keeps .previous alike on every write', async () => {
    const gid = process.getgid!();
    const out = join(tmp(), 'etc-kiosk', 'kiosk.json');
    const h = harness({
      groupId: (name) => (name === 'kiosk' ? gid : undefined),
      stdin: async () => '24681357\n',
      answer: {
        terminalId: 'KIOSK-SC-017',
        hallId: 'HALL-SC-01',
        deviceToken: REAL_TOKEN,
        citizenRefKey: REAL_KEY,
      },
    });
    expect(await runCli(createArgs(out), h.io)).toBe(EXIT.ok);
    expect(h.err).toEqual([]);
    expect(modeOf(out)).toBe(0o640);
    expect(statSync(out).gid).toBe(gid);
    expect(statSync(dirname(out)).gid).toBe(gid);

    expect(await runCli(['set-pin', '--config', out], h.io)).toBe(EXIT.ok);
    const enrol = [
      'enrol',
      '--config',
      out,
      '--code',
      'ABCD-EFGH-JK23',
      '--central',
      'https://central.hangzhou.gov.cn',
    ];
    expect(await runCli(enrol, h.io), h.err.join('\n')).toBe(EXIT.ok);
    for (const path of [out, previousPathOf(out)]) {
      expect(modeOf(path), path).toBe(0o640);
      expect(statSync(path).gid, path).toBe(gid);
    }
    expect(readdirSync(dirname(out)).sort()).toEqual(['kiosk.json', 'kiosk.json.previous']);
  });
});

describe('a write that fails says why and changes nothing', () => {
  it('a path through a file: exit 2, Chinese then English, nothing written', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'etc'), 'a file, not a folder');
    const out = join(dir, 'etc', 'kiosk.json');
    const h = harness();
    expect(await runCli(createArgs(out), h.io)).toBe(EXIT.config);
    const [zh, en] = h.err.join('\n').split('\n');
    expect(zh).toContain('不是文件夹');
    expect(en).toContain('is not a folder');
    expect(readFileSync(join(dir, 'etc'), 'utf8')).toBe('a file, not a folder');
  });

  // Root may write anywhere: the folder must be refused to an ordinary user, as the kiosk user is.
  it('a folder the user may not write: "<folder> 不可写（属主 root）", the file and folder unchanged', async () => {
    const dir = tmp();
    chmodSync(dir, 0o755);
    const folder = join(dir, 'kiosk');
    mkdirSync(folder, { mode: 0o755 });
    const path = writeConfig({ terminalId: 'KIOSK-A' }, folder);
    chmodSync(path, 0o644);
    const before = readFileSync(path, 'utf8');
    const r = await cliAsOrdinaryUser(['set-pin', '--config', path], '123456\n');
    expect(r.code, r.stderr).toBe(EXIT.config);
    expect(r.stderr).toContain(`${folder} 不可写（属主 root）`);
    expect(r.stderr).toContain(`${folder} is not writable (owner root)`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(folder)).toEqual(['kiosk.json']);
  }, 30_000);
});

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** The CLI as the user nobody (65534), the way the kiosk service user meets a root-owned folder. */
function cliAsOrdinaryUser(args: string[], stdin: string) {
  const asRoot = process.getuid?.() === 0;
  const home = tmp();
  if (asRoot) chownSync(home, 65534, 65534);
  const node = [process.execPath, '--import', TSX, join(ROOT, 'kiosk-config', 'cli.ts'), ...args];
  const [cmd, ...argv] = asRoot
    ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node]
    : node;
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      cmd!,
      argv,
      { cwd: home, env: { PATH: process.env.PATH, HOME: home, npm_lifecycle_event: '' }, timeout: 25_000 },
      (e, stdout, stderr) => resolve({ code: e ? Number(e.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

describe('enrol writes the device token and the citizen reference key, or nothing', () => {
  const enrolArgs = (path: string) => [
    'enrol',
    '--config',
    path,
    '--code',
    'ABCD-EFGH-JK23',
    '--central',
    'https://central.hangzhou.gov.cn',
  ];
  const fileFor = () =>
    writeConfig({ terminalId: 'KIOSK-SC-017', hall: { id: 'HALL-SC-01', name: '上城区市民之家' } });

  it('writes both, and sets remote mode', async () => {
    const path = fileFor();
    const h = harness({
      answer: {
        terminalId: 'KIOSK-SC-017',
        hallId: 'HALL-SC-01',
        deviceToken: REAL_TOKEN,
        citizenRefKey: REAL_KEY,
      },
    });
    expect(await runCli(enrolArgs(path), h.io)).toBe(EXIT.ok);
    expect(JSON.parse(readFileSync(path, 'utf8')).central).toEqual({
      mode: 'remote',
      baseUrl: 'https://central.hangzhou.gov.cn',
      deviceToken: REAL_TOKEN,
      citizenRefKey: REAL_KEY,
    });
    expect(h.out.join('\n') + h.err.join('\n')).not.toMatch(new RegExp(`${REAL_TOKEN}|${REAL_KEY}`));
  });

  it('another hall at the central: exit 1, says what to do, the file unchanged', async () => {
    const path = fileFor();
    const before = readFileSync(path, 'utf8');
    const h = harness({
      answer: {
        terminalId: 'KIOSK-SC-017',
        hallId: 'HALL-CITY-01',
        deviceToken: REAL_TOKEN,
        citizenRefKey: REAL_KEY,
      },
    });
    expect(await runCli(enrolArgs(path), h.io)).toBe(EXIT.failed);
    const said = h.err.join('\n');
    expect(said).toContain(
      `The central has KIOSK-SC-017 in hall HALL-CITY-01, but ${path} is for hall HALL-SC-01 (hall.id): ${path} is not changed`,
    );
    expect(said).toContain('central-admin codes issue --terminal KIOSK-SC-017 --hall HALL-SC-01');
    expect(said).not.toContain(REAL_TOKEN);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(existsSync(previousPathOf(path))).toBe(false);
  });

  it('no citizen reference key in the answer: exit 1, the file unchanged', async () => {
    const path = fileFor();
    const before = readFileSync(path, 'utf8');
    const h = harness({
      answer: { terminalId: 'KIOSK-SC-017', hallId: 'HALL-SC-01', deviceToken: REAL_TOKEN },
    });
    expect(await runCli(enrolArgs(path), h.io)).toBe(EXIT.failed);
    expect(h.err.join('\n')).toContain('answered no citizen reference key');
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('enrols a remote file that has no token yet (the one thing that may)', async () => {
    const path = writeConfig({
      terminalId: 'KIOSK-SC-017',
      hall: { id: 'HALL-SC-01', name: '上城区市民之家' },
      central: { mode: 'remote', baseUrl: 'https://central.hangzhou.gov.cn' },
    });
    const h = harness({
      answer: {
        terminalId: 'KIOSK-SC-017',
        hallId: 'HALL-SC-01',
        deviceToken: REAL_TOKEN,
        citizenRefKey: REAL_KEY,
      },
    });
    expect(await runCli(['enrol', '--config', path, '--code', 'ABCD-EFGH-JK23'], h.io), h.err.join()).toBe(
      EXIT.ok,
    );
    expect(h.fetched).toEqual(['https://central.hangzhou.gov.cn/v1/kiosks/enrol']);
  });
});

describe('validate refuses development credentials with a remote central and warns on what citizens would miss', () => {
  const validate = async (content: unknown) => {
    const path = writeConfig(content);
    const before = readFileSync(path, 'utf8');
    const h = harness();
    const code = await runCli(['validate', path], h.io);
    expect(readFileSync(path, 'utf8')).toBe(before);
    return { code, out: h.out.join('\n'), err: h.err.join('\n') };
  };
  const remote = (central: Record<string, unknown>) => ({
    ...serviceConfig,
    central: { mode: 'remote', baseUrl: 'https://central.hangzhou.gov.cn', ...central },
  });

  it('passes a provisioned terminal without a warning', async () => {
    const r = await validate(serviceConfig);
    expect(r).toEqual({ code: EXIT.ok, out: expect.stringContaining('is valid') as string, err: '' });
  });

  it('no token: exit 2, tells to enrol', async () => {
    const r = await validate(remote({ citizenRefKey: REAL_KEY }));
    expect(r.code).toBe(EXIT.config);
    expect(r.err).toContain('cannot be used with a remote central:');
    expect(r.err).toContain(
      'central.deviceToken: got nothing, expected the device token that "kiosk-config enrol',
    );
  });

  it('the development token or key: exit 2, named', async () => {
    const token = await validate(remote({ deviceToken: DEV_DEVICE_TOKEN, citizenRefKey: REAL_KEY }));
    expect(token.code).toBe(EXIT.config);
    expect(token.err).toContain(
      `central.deviceToken: got the public development token "${DEV_DEVICE_TOKEN}"`,
    );
    const key = await validate(remote({ deviceToken: REAL_TOKEN, citizenRefKey: DEV_CITIZEN_REF_KEY }));
    expect(key.code).toBe(EXIT.config);
    expect(key.err).toContain(
      `central.citizenRefKey: got the public development key "${DEV_CITIZEN_REF_KEY}"`,
    );
    expect(key.err).not.toContain(REAL_TOKEN);
    const noKey = await validate(remote({ deviceToken: REAL_TOKEN }));
    expect(noKey.code).toBe(EXIT.config);
    expect(noKey.err).toContain('central.citizenRefKey: got nothing');
  });

  it('warns (exit 0) on simulated devices with a remote central and on placeholder QR addresses', async () => {
    const r = await validate({
      ...serviceConfig,
      devices: {},
      hall: { id: 'HALL-SC-01', name: '上城区市民之家' },
    });
    expect(r.code).toBe(EXIT.ok);
    const warnings = r.err.split('\n');
    expect(warnings.every((w) => w.startsWith('Warning: '))).toBe(true);
    expect(r.err).toContain('Warning: devices.idCardReader.transport is simulated, with a remote central');
    expect(r.err).toContain('Warning: devices.receiptPrinter.transport is simulated');
    expect(r.err).toContain('Warning: hall.queueFollowUrl is the placeholder https://zwfw.example.gov.cn/q');
    expect(r.err).toContain(
      'Warning: hall.caseFollowUrl is the placeholder https://zwfw.example.gov.cn/case',
    );
    const other = await validate({
      ...serviceConfig,
      hall: { ...serviceConfig.hall, queueFollowUrl: 'https://queue.example.com/q' },
    });
    expect(other.err).toBe(
      "Warning: hall.queueFollowUrl is the placeholder https://queue.example.com/q: it is printed as a QR code that citizens' phones cannot open. Put the hall's real address in the file.",
    );
  });

  it('the embedded central (development) is not refused for the development credentials', async () => {
    const r = await validate({});
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).not.toContain('simulated');
  });
});

describe('self-test: simulated is not a pass', () => {
  it('with a remote central a simulated device fails the self-test, unless --allow-simulated', async () => {
    const path = writeConfig({ ...serviceConfig, devices: {} });
    const h = harness();
    expect(await runCli(['self-test', '--config', path], h.io)).toBe(EXIT.failed);
    expect(h.out).toEqual([
      expect.stringMatching(/^SIMULATED {2}idCardReader {4}/),
      expect.stringMatching(/^SIMULATED {2}receiptPrinter {2}/),
    ]);
    expect(h.err.join('\n')).toContain('a simulated device counts as failed');
    const bench = harness();
    expect(await runCli(['self-test', '--config', path, '--allow-simulated'], bench.io)).toBe(EXIT.ok);
    expect(bench.err).toEqual([]);
  });
});

describe('set-pin asks twice without echo on a terminal; a script may pipe it once or twice', () => {
  const tty = (answers: string[]) => {
    const asked: string[] = [];
    return {
      asked,
      io: {
        stdinIsTTY: true,
        promptSecret: async (message: string) => {
          asked.push(message);
          return answers.shift() ?? '';
        },
        stdin: () => Promise.reject(new Error('a terminal is not read as a pipe')),
      } satisfies Partial<Io>,
    };
  };

  it('typed twice alike: stored as a hash', async () => {
    const path = writeConfig({});
    const t = tty(['24681357', '24681357']);
    const h = harness(t.io);
    expect(await runCli(['set-pin', '--config', path], h.io)).toBe(EXIT.ok);
    expect(t.asked).toEqual(['Maintenance PIN (6 to 12 digits):', 'The same PIN again:']);
    expect(await verifyPin('24681357', JSON.parse(readFileSync(path, 'utf8')).maintenance.pinHash)).toBe(
      true,
    );
  });

  it('typed twice differently: exit 64, the file unchanged', async () => {
    const path = writeConfig({ terminalId: 'KIOSK-A' });
    const before = readFileSync(path, 'utf8');
    const h = harness(tty(['24681357', '24681358']).io);
    expect(await runCli(['set-pin', '--config', path], h.io)).toBe(EXIT.usage);
    expect(h.err.join('\n')).toContain('The two PINs differ');
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('a first answer that is no PIN is refused before the second is asked', async () => {
    const path = writeConfig({});
    const t = tty(['1234']);
    const h = harness(t.io);
    expect(await runCli(['set-pin', '--config', path], h.io)).toBe(EXIT.usage);
    expect(t.asked).toHaveLength(1);
    expect(h.err.join('\n')).toContain('6 to 12 digits');
    expect(readFileSync(path, 'utf8')).toBe('{}');
  });

  it('piped: one line, or two that must match', async () => {
    const path = writeConfig({});
    expect(
      await runCli(['set-pin', '--config', path], harness({ stdin: async () => '13572468\n13572468\n' }).io),
    ).toBe(EXIT.ok);
    const hash = JSON.parse(readFileSync(path, 'utf8')).maintenance.pinHash as string;
    const differ = harness({ stdin: async () => '13572468\r\n99999999\n' });
    expect(await runCli(['set-pin', '--config', path], differ.io)).toBe(EXIT.usage);
    expect(differ.err.join('\n')).toContain('The two PINs differ');
    expect(JSON.parse(readFileSync(path, 'utf8')).maintenance.pinHash).toBe(hash);
  });
});
