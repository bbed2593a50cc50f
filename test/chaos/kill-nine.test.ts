import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral } from '../../central/start';
import { hallDate } from '../../domain/hall-time';

/** Kills in CI; CHAOS_KILLS raises it for a longer run on demand. */
const KILLS = Number(process.env.CHAOS_KILLS ?? 200);
const TOKEN = 'chaos-device-token-000000';
const WORKER = join(process.cwd(), 'node_modules', '.cache', 'kiosk-chaos', 'outbox-worker.mjs');

const running = new Set<ChildProcess>();

/** Starts the worker; resolves with it once its store is open. */
function startWorker(dataDir: string, centralUrl: string, mode: 'churn' | 'drain', seed: number) {
  const child = spawn(process.execPath, [WORKER, dataDir, centralUrl, TOKEN, mode, String(seed)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.on('exit', (code, signal) =>
      reject(new Error(`worker exited early (${code ?? signal}): ${stderr}`)),
    );
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, stderr: () => stderr };
}

describe(`kill -9 during enqueue and delivery (${KILLS} times)`, () => {
  let central: Awaited<ReturnType<typeof startCentral>>;
  let dir: string;

  beforeAll(async () => {
    mkdirSync(join(process.cwd(), 'node_modules', '.cache', 'kiosk-chaos'), { recursive: true });
    await build({
      entryPoints: [join(process.cwd(), 'test/chaos/outbox-worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: WORKER,
      logLevel: 'silent',
    });
    dir = mkdtempSync(join(tmpdir(), 'kiosk-chaos-'));
    central = await startCentral({
      dbPath: join(dir, 'central.db'),
      port: 0,
      deviceTokens: [TOKEN],
      logger: false,
    });
  });

  afterAll(async () => {
    // A failed run (say, a drain that never empties) must not leave a worker behind.
    for (const child of running) child.kill('SIGKILL');
    await central?.close();
  });

  it('leaves the central holding every committed action exactly once, and nothing else', async () => {
    const dataDir = join(dir, 'kiosk');
    for (let i = 0; i < KILLS; i++) {
      const worker = startWorker(dataDir, central.baseUrl, 'churn', i);
      await worker.ready;
      // A random moment: during enqueue, mid-request, or between commit and acknowledgement.
      await new Promise((r) => setTimeout(r, 2 + Math.floor(Math.random() * 25)));
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    const drain = startWorker(dataDir, central.baseUrl, 'drain', -1);
    await drain.ready;
    expect(await drain.exited, drain.stderr()).toBe(0);

    const kiosk = new Database(join(dataDir, 'kiosk.db'), { readonly: true });
    const rows = kiosk.prepare(`SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`).all() as {
      state: string;
      n: number;
    }[];
    const local = kiosk.prepare(`SELECT number FROM local_tickets`).all() as { number: string | null }[];
    kiosk.close();
    const committed = rows.reduce((sum, r) => sum + r.n, 0);
    expect(rows).toEqual([{ state: 'acknowledged', n: committed }]);
    expect(committed).toBeGreaterThan(KILLS / 2);

    const today = hallDate(Date.now());
    const res = await fetch(`${central.baseUrl}/v1/queue/tickets?hallId=HALL-CITY-01&date=${today}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const { tickets } = (await res.json()) as { tickets: { number: string; terminalId: string }[] };
    const centralNumbers = tickets
      .filter((t) => t.terminalId === 'KIOSK-CHAOS')
      .map((t) => t.number)
      .sort();
    const localNumbers = local.map((t) => t.number ?? 'MISSING').sort();
    expect(centralNumbers).toHaveLength(committed);
    expect(new Set(centralNumbers).size).toBe(committed);
    expect(localNumbers).toEqual(centralNumbers);
  }, 600_000);
});
