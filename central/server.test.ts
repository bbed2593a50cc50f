import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../domain/clock';
import { EXIT, runAdminCli } from './admin-cli';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

interface Started {
  child: ChildProcess;
  baseUrl: string;
  stderr: () => string;
}

const running = new Set<ChildProcess>();
afterEach(async () => {
  await Promise.all([...running].map(stop));
});

function env(dbPath: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CENTRAL_DB: dbPath,
    CENTRAL_PORT: '0',
    CENTRAL_DEVICE_TOKENS: 'server-test-device-token-01',
    CENTRAL_CITIZEN_REF_KEY: '',
    ...extra,
  };
}

/** Starts `npm run central` as a process and waits for its "listening on" line. */
function startServer(dbPath: string): Promise<Started> {
  const child = spawn(TSX, ['central/server.ts'], { env: env(dbPath), stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) resolve({ child, baseUrl: url, stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`central exited ${code} before listening: ${stderr}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function issueCode(dbPath: string, terminal: string): string {
  const out: string[] = [];
  const code = runAdminCli(['codes', 'issue', '--terminal', terminal, '--hall', 'HALL-SC-01', '--json'], {
    out: (t) => out.push(t),
    err: () => undefined,
    env: { CENTRAL_DB: dbPath },
    clock: systemClock,
  });
  expect(code).toBe(EXIT.ok);
  return (JSON.parse(out.join('')) as { code: string }).code;
}

async function enrol(baseUrl: string, terminalId: string, code: string) {
  const res = await fetch(`${baseUrl}/v1/kiosks/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terminalId, code }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { deviceToken: string; citizenRefKey?: string };
}

// Each start is a tsx process: about 2 s alone, several under a loaded run.
const PROCESS_TEST_MS = 60_000;

describe('npm run central', () => {
  it(
    'answers every enrolment with the citizen-reference key it generated once and keeps',
    { timeout: PROCESS_TEST_MS },
    async () => {
      const dbPath = join(mkdtempSync(join(tmpdir(), 'central-server-')), 'central.db');
      const first = await startServer(dbPath);
      expect(first.stderr()).toContain('generated a citizen-reference key and kept it in the database');
      // Issued by the administration CLI while the central runs on the same database.
      const a = await enrol(first.baseUrl, 'KIOSK-SC-017', issueCode(dbPath, 'KIOSK-SC-017'));
      expect(a.citizenRefKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(first.stderr()).not.toContain(a.citizenRefKey);
      await stop(first.child);

      const second = await startServer(dbPath);
      expect(second.stderr()).toContain('citizen-reference key from the database');
      const b = await enrol(second.baseUrl, 'KIOSK-SC-018', issueCode(dbPath, 'KIOSK-SC-018'));
      expect(b.citizenRefKey).toBe(a.citizenRefKey);
    },
  );

  it(
    'stops with one plain line when CENTRAL_CITIZEN_REF_KEY is too short',
    { timeout: PROCESS_TEST_MS },
    async () => {
      const dbPath = join(mkdtempSync(join(tmpdir(), 'central-server-')), 'central.db');
      const child = spawn(TSX, ['central/server.ts'], {
        env: env(dbPath, { CENTRAL_CITIZEN_REF_KEY: 'too-short' }),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      running.add(child);
      let stderr = '';
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr.trim()).toBe('central: CENTRAL_CITIZEN_REF_KEY must have at least 16 characters (got 9)');
    },
  );
});
