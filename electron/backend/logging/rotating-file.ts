import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** 10 MiB per file and 5 old files: about a month of a busy hall's logs in 60 MiB of disk. */
export const LOG_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const LOG_FILE_KEEP = 5;

export interface RotatingFileOptions {
  path: string;
  maxBytes?: number;
  /** Old files kept: `<path>.1` (newest) to `<path>.<keep>`. */
  keep?: number;
}

/** The files of a rotating log, newest first: `<path>`, `<path>.1`, ... that exist. */
export function logFiles(path: string, keep = LOG_FILE_KEEP): string[] {
  return [path, ...Array.from({ length: keep }, (_, i) => `${path}.${i + 1}`)].filter((p) => existsSync(p));
}

/**
 * A pino destination that appends JSON lines to a file and rotates it by size: when the next line
 * would pass `maxBytes`, `<path>.n` becomes `<path>.n+1` (the oldest is dropped) and the file
 * starts again. Writes are synchronous, so a line is on disk before the call returns and nothing
 * is lost when the process is killed; a kiosk logs a few lines a minute, so that costs nothing.
 * (We wrote this rather than add `pino-roll`, which is not installed; pino.destination alone does
 * not rotate.)
 */
export class RotatingFile {
  private fd: number;
  private size: number;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(private readonly options: RotatingFileOptions) {
    this.maxBytes = options.maxBytes ?? LOG_FILE_MAX_BYTES;
    this.keep = options.keep ?? LOG_FILE_KEEP;
    mkdirSync(dirname(options.path), { recursive: true });
    this.fd = openSync(options.path, 'a', 0o640);
    this.size = fstatSync(this.fd).size;
  }

  write(line: string): boolean {
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    writeSync(this.fd, line);
    this.size += bytes;
    return true;
  }

  private rotate(): void {
    closeSync(this.fd);
    const { path } = this.options;
    rmSync(`${path}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
    }
    if (this.keep > 0) renameSync(path, `${path}.1`);
    else rmSync(path, { force: true });
    this.fd = openSync(path, 'a', 0o640);
    this.size = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
