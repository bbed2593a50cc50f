import { spawn, type ChildProcess } from 'node:child_process';

/** socat prints both PTY names within milliseconds; 5 s means it is not working. */
const SOCAT_START_TIMEOUT_MS = 5000;

/**
 * A socat PTY pair whose ends are also reachable through fixed symlinks, as udev's
 * /dev/serial/by-id links are: killing socat is an unplug, starting it again with the same links is
 * a replug of "the same device" under its stable name.
 */
export async function startLinkedPtyPair(links: [string, string]): Promise<ChildProcess> {
  const proc = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${links[0]}`, `pty,raw,echo=0,link=${links[1]}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let stderr = '';
    let seen = 0;
    const timer = setTimeout(() => {
      proc.kill();
      reject(new Error(`socat did not start within ${SOCAT_START_TIMEOUT_MS} ms:\n${stderr}`));
    }, SOCAT_START_TIMEOUT_MS);
    proc.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`socat failed to start (apt-get install -y socat): ${err.message}`));
    });
    proc.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      seen = [...stderr.matchAll(/PTY is /g)].length;
      // "starting data transfer loop" follows once both links exist.
      if (seen >= 2 && /starting data transfer loop/.test(stderr)) {
        clearTimeout(timer);
        resolve(proc);
      }
    });
  });
}

export function stopPty(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill();
  });
}
