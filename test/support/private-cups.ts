import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';

/** Where Debian's cups and printer-driver-cups-pdf put what the private CUPS runs. */
export const CUPSD = '/usr/sbin/cupsd';
export const LPADMIN = '/usr/sbin/lpadmin';
export const CUPS_PDF_BACKEND = '/usr/lib/cups/backend/cups-pdf';
export const CUPS_PDF_PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd';
/**
 * cups-pdf reads its settings from /etc/cups/cups-pdf-<name>.conf for a queue whose device URI is
 * cups-pdf:/<name> (the path is compiled in), so a private queue's output folder is set there.
 */
export const CUPS_PDF_CONF_DIR = '/etc/cups';
/** cupsd listens within a fraction of a second; 15 s means it is not going to. */
export const CUPSD_START_TIMEOUT_MS = 15_000;
const INSTALL = 'apt-get install -y cups printer-driver-cups-pdf poppler-utils';

/**
 * Why a private CUPS cannot run here, or undefined when it can. cupsd needs root: it starts its
 * filters and cups-pdf's backend as other users.
 */
export function privateCupsUnavailable(): string | undefined {
  if (process.getuid?.() !== 0)
    return 'a private cupsd needs root (it runs filters as lp and cups-pdf as root)';
  for (const file of [CUPSD, LPADMIN, CUPS_PDF_BACKEND, CUPS_PDF_PPD]) {
    try {
      accessSync(file, constants.R_OK);
    } catch {
      return `${file} is missing (${INSTALL})`;
    }
  }
  return undefined;
}

export interface PrivateCups {
  /** The queue's printer-uri, e.g. ipp://127.0.0.1:40123/printers/kiosk-a4. */
  printerUri: string;
  /** host:port, for CUPS's own commands (lp -h). */
  server: string;
  queue: string;
  /** Where cups-pdf writes each printed job as a PDF. */
  outDir: string;
  /** PDFs cups-pdf has finished writing (complete files only), oldest first. */
  outputs(): string[];
  /** Waits for the n-th finished output (real CUPS: polled, this is the printer's own time). */
  waitForOutputs(n: number, timeoutMs?: number): Promise<string[]>;
  /** CUPS's own command, the bare baseline: prints a file with `lp`. */
  lp(file: string, title: string): void;
  /** cupsdisable / cupsenable: the queue stops (printer-state stopped, "paused") or resumes. */
  disable(): void;
  enable(): void;
  close(): Promise<void>;
  /** For a process about to exit (no await possible): stops cupsd and removes its files at once. */
  closeSync(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(file: string, args: string[]): void {
  const r = spawnSync(file, args, { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${file} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error?.message}`);
}

/** A finished cups-pdf output: Ghostscript writes the file in place, so it is whole once it ends with %%EOF. */
function finished(file: string): boolean {
  try {
    const size = statSync(file).size;
    if (size < 16) return false;
    return readFileSync(file).subarray(-32).toString('latin1').includes('%%EOF');
  } catch {
    return false;
  }
}

/**
 * A cupsd of the test's own: its own config folder, port and spool under a temp folder, and one
 * cups-pdf queue whose output goes to a temp folder. Nothing of the system's CUPS is touched
 * except the queue's cups-pdf conf file (see CUPS_PDF_CONF_DIR), removed on close.
 */
export async function startPrivateCups(queue = 'kiosk-a4'): Promise<PrivateCups> {
  const unavailable = privateCupsUnavailable();
  if (unavailable) throw new Error(`cannot start a private CUPS: ${unavailable}`);
  const root = mkdtempSync('/tmp/kiosk-cups-');
  chmodSync(root, 0o755);
  for (const d of ['spool', 'cache', 'state', 'log', 'ppd']) mkdirSync(join(root, d));
  // Filters run as lp and cups-pdf writes as the job's user (an unknown user: "nobody").
  mkdirSync(join(root, 'tmp'), { mode: 0o1777 });
  chmodSync(join(root, 'tmp'), 0o1777);
  const outDir = join(root, 'out');
  mkdirSync(outDir);
  chmodSync(outDir, 0o1777);
  const port = await freePort();
  writeFileSync(
    join(root, 'cupsd.conf'),
    [
      `Listen 127.0.0.1:${port}`,
      'LogLevel warn',
      'DefaultAuthType None',
      'WebInterface No',
      'Browsing No',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order allow,deny',
      '    Allow all',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(root, 'cups-files.conf'),
    [
      `ServerRoot ${root}`,
      `RequestRoot ${root}/spool`,
      `CacheDir ${root}/cache`,
      `StateDir ${root}/state`,
      `TempDir ${root}/tmp`,
      `ErrorLog ${root}/log/error_log`,
      `AccessLog ${root}/log/access_log`,
      `PageLog ${root}/log/page_log`,
      'Sandboxing Relaxed',
      '',
    ].join('\n'),
  );
  const pdfName = `kiosktest${process.pid}x${port}`;
  const pdfConf = join(CUPS_PDF_CONF_DIR, `cups-pdf-${pdfName}.conf`);
  writeFileSync(
    pdfConf,
    [
      `Out ${outDir}`,
      `AnonDirName ${outDir}`,
      'AnonUser nobody',
      'Grp nogroup',
      `Log ${root}/log`,
      'LogType 1',
      '',
    ].join('\n'),
  );

  const cupsd: ChildProcess = spawn(
    CUPSD,
    ['-f', '-c', join(root, 'cupsd.conf'), '-s', join(root, 'cups-files.conf')],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  cupsd.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => cupsd.once('exit', () => resolve()));
  const cleanup = () => {
    rmSync(pdfConf, { force: true });
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  const started = Date.now();
  while (!(await listening(port))) {
    if (cupsd.exitCode !== null || Date.now() - started > CUPSD_START_TIMEOUT_MS) {
      cupsd.kill('SIGKILL');
      const log = (() => {
        try {
          return readFileSync(join(root, 'log', 'error_log'), 'utf8').slice(-2000);
        } catch {
          return '';
        }
      })();
      cleanup();
      throw new Error(`cupsd did not start on port ${port}: ${stderr}${log}`);
    }
    await pause(50);
  }
  const server = `127.0.0.1:${port}`;
  try {
    // Poppler's pdftops (the default) and Ghostscript turn a subsetted CJK font into glyphs without
    // Unicode, so pdftotext would read nothing back from the certificate; the Cairo renderer keeps
    // the text (cups-pdf's README.Debian names this setting).
    run(LPADMIN, [
      ...['-h', server, '-p', queue, '-E', '-v', `cups-pdf:/${pdfName}`, '-P', CUPS_PDF_PPD],
      ...['-o', 'pdftops-renderer-default=pdftocairo'],
    ]);
  } catch (err) {
    cupsd.kill('SIGTERM');
    await exited;
    cleanup();
    throw err;
  }

  const outputs = () =>
    readdirSync(outDir)
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => join(outDir, f))
      .filter(finished)
      .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  return {
    printerUri: `ipp://${server}/printers/${queue}`,
    server,
    queue,
    outDir,
    outputs,
    async waitForOutputs(n, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const files = outputs();
        if (files.length >= n) return files;
        if (Date.now() > until)
          throw new Error(
            `cups-pdf wrote ${files.length} of ${n} PDFs within ${timeoutMs} ms (logs in ${root}/log)`,
          );
        await pause(10);
      }
    },
    lp(file, title) {
      run('/usr/bin/lp', ['-h', server, '-d', queue, '-t', title, file]);
    },
    disable() {
      run('/usr/sbin/cupsdisable', ['-h', server, queue]);
    },
    enable() {
      run('/usr/sbin/cupsenable', ['-h', server, queue]);
    },
    async close() {
      cupsd.kill('SIGTERM');
      await exited;
      cleanup();
    },
    closeSync() {
      // No time to let it finish: stopped at once, so nothing writes while its folder goes.
      cupsd.kill('SIGKILL');
      try {
        cleanup();
      } catch {
        // A spool file appearing in the instant of removal: the folder is under /tmp, which is
        // emptied anyway; exiting must not fail over it.
      }
    },
  };
}
