import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/** CPU time (ms) the server process has used so far, asked over IPC. */
export type CpuProbe = () => Promise<number>;

export interface LoadResult {
  perSecond: number;
  p99: number;
  cpuMsPerRequest: number;
}

/**
 * Runs a bench suite's own file as the server, in a child process, so the load generator does not
 * share its event loop. The child sees `envVar` set to a fresh database path; it answers with
 * `{ baseUrl }` once listening, `{ cpu }` to the message 'cpu', and ends on 'close'.
 */
export async function withForkedServer<T>(
  moduleUrl: string,
  envVar: string,
  run: (baseUrl: string, cpuMs: CpuProbe) => Promise<T>,
): Promise<T> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'central-bench-')), 'central.db');
  const server = fork(fileURLToPath(moduleUrl), [], {
    env: { ...process.env, [envVar]: dbPath },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try {
    const { baseUrl } = await new Promise<{ baseUrl: string }>((resolve, reject) => {
      server.once('message', (m) => resolve(m as { baseUrl: string }));
      server.once('error', reject);
      server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const cpuMs: CpuProbe = () =>
      new Promise((resolve) => {
        server.once('message', (m) => {
          const { cpu } = m as { cpu: NodeJS.CpuUsage };
          resolve((cpu.user + cpu.system) / 1000);
        });
        server.send('cpu');
      });
    return await run(baseUrl, cpuMs);
  } finally {
    if (server.exitCode === null) server.send('close');
    await exited;
  }
}

/** Sustained POST load with autocannon; every answer must be 2xx. */
export async function postLoad(
  url: string,
  cpuMs: CpuProbe,
  opts: {
    connections: number;
    seconds: number;
    request: (n: number) => { headers: Record<string, string>; body: string };
  },
): Promise<LoadResult> {
  let i = 0;
  const cpuBefore = await cpuMs();
  const result = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...opts.request(i++) }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  const cpuMsPerRequest = ((await cpuMs()) - cpuBefore) / result.requests.total;
  return { perSecond: result.requests.average, p99: result.latency.p99, cpuMsPerRequest };
}
