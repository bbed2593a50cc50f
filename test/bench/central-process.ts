/**
 * The reference central in a process of its own, for benchmarks that measure the kiosk side: on
 * loopback, as in a hall, and not sharing the kiosk's event loop or core.
 *   fork(this file) → message { baseUrl } once listening; killed by the parent.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startCentral } from '../../central/start';

export async function startCentralProcess(opts: { dbPath: string; deviceToken: string }) {
  const child = fork(fileURLToPath(import.meta.url), [opts.dbPath, opts.deviceToken], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, KIOSK_BENCH_CENTRAL_CHILD: '1' },
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { baseUrl: string }).baseUrl));
    child.once('exit', (code) => reject(new Error(`central process exited (${code})`)));
  });
  return {
    baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

if (process.env.KIOSK_BENCH_CENTRAL_CHILD === '1' && process.send) {
  const [dbPath, deviceToken] = process.argv.slice(2) as [string, string];
  // The drain measures the kiosk side; the per-device limit would pace it instead.
  const central = await startCentral({
    dbPath,
    port: 0,
    deviceTokens: [deviceToken],
    logger: false,
    rateLimit: false,
  });
  process.send({ baseUrl: central.baseUrl });
  process.once('SIGTERM', () => void central.close().then(() => process.exit(0)));
}
