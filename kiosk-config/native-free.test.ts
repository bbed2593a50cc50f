import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT } from './cli';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const NATIVE = ['better-sqlite3', 'serialport', 'node-hid', '@serialport/bindings-cpp'];

/**
 * An ESM resolve hook that fails any import of a native addon: the packaged CLI runs where those may
 * be missing or built for another runtime, so the commands that do not need them must not load them.
 */
const BLOCKER = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
const NATIVE = ${JSON.stringify(NATIVE)};
export async function resolve(specifier, context, next) {
  if (NATIVE.some((n) => specifier === n || specifier.startsWith(n + '/'))) {
    throw new Error('native module imported: ' + specifier);
  }
  return next(specifier, context);
}\`));
`;

function cliWithoutNative(args: string[], stdin = '') {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-native-'));
  const blocker = join(dir, 'block-native.mjs');
  writeFileSync(blocker, BLOCKER);
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [
        '--import',
        pathToFileURL(blocker).href,
        '--import',
        TSX,
        join(ROOT, 'kiosk-config', 'cli.ts'),
        ...args,
      ],
      { cwd: dir, env: { ...process.env, KIOSK_CONFIG: '', npm_lifecycle_event: '' }, timeout: 30_000 },
      (e, stdout, stderr) => resolve({ code: e ? Number(e.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

describe('the provisioning commands that need no device or store load no native module', () => {
  it('the blocker does catch a command that needs one', async () => {
    const r = await cliWithoutNative(['devices']);
    expect(r.code).not.toBe(EXIT.ok);
    expect(r.stderr).toContain('native module imported: serialport');
  }, 30_000);

  it('--help, create, validate, print, set-pin and enrol run', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kiosk-native-')), 'etc', 'kiosk.json');
    const steps: [string[], string?][] = [
      [['--help']],
      [['enrol', '--help']],
      [
        [
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
        ],
      ],
      [['validate', out]],
      [['print', '--config', out]],
      [['set-pin', '--config', out], '24681357\n24681357\n'],
    ];
    for (const [args, stdin] of steps) {
      const r = await cliWithoutNative(args, stdin);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(EXIT.ok);
    }
    // Enrol as far as the network: nothing listens on port 9 of loopback.
    const enrol = await cliWithoutNative([
      'enrol',
      '--config',
      out,
      '--code',
      'ABCD-EFGH-JK23',
      '--central',
      'http://127.0.0.1:9',
    ]);
    expect(enrol.code, enrol.stderr).toBe(EXIT.failed);
    expect(enrol.stderr).toContain('cannot be reached');
    expect(JSON.parse(readFileSync(out, 'utf8')).central).toBeUndefined();
  }, 90_000);
});
