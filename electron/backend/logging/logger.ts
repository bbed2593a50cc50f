import pino, { type Logger } from 'pino';
import type { LogEventId } from './log-events';
import { RotatingFile, type RotatingFileOptions } from './rotating-file';

/** Set by the deployment (see deploy/): the JSON-lines log file, rotated by size, that staff search. */
export const LOG_FILE_ENV_VAR = 'KIOSK_LOG_FILE';

/**
 * Keys that may hold personal data. They are censored wherever they appear, as a second line of
 * defence: the code itself never logs identity fields (the session only hands out masked views).
 */
const PERSONAL_KEYS = ['name', 'idNumber', 'address', 'phone', 'identity', 'citizen', 'birthDate', 'photo'];

export interface KioskLogger {
  info(event: LogEventId, fields?: Record<string, unknown>): void;
  warn(event: LogEventId, fields?: Record<string, unknown>): void;
  error(event: LogEventId, fields?: Record<string, unknown>): void;
}

export function createLogger(
  options: {
    level?: string;
    destination?: pino.DestinationStream;
    /** Also write to this rotating file; default: the file named by KIOSK_LOG_FILE, if any. */
    file?: RotatingFileOptions;
  } = {},
): KioskLogger {
  const envFile = process.env[LOG_FILE_ENV_VAR];
  const file = options.file ?? (envFile ? { path: envFile } : undefined);
  const primary = options.destination ?? pino.destination(2);
  const level = options.level ?? process.env.KIOSK_LOG_LEVEL ?? 'info';
  const stream = file
    ? pino.multistream([
        { level: level as pino.Level, stream: primary },
        { level: level as pino.Level, stream: new RotatingFile(file) },
      ])
    : primary;
  const base: Logger = pino(
    {
      level,
      base: { app: 'kiosk' },
      redact: {
        paths: [...PERSONAL_KEYS, ...PERSONAL_KEYS.map((k) => `*.${k}`)],
        censor: '[personal data removed]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream,
  );
  return {
    info: (event, fields) => base.info({ event, ...fields }),
    warn: (event, fields) => base.warn({ event, ...fields }),
    error: (event, fields) => base.error({ event, ...fields }),
  };
}

/** A logger for tests: what it logs stays in `lines` for assertions instead of reaching the console. */
export interface TestLogger extends KioskLogger {
  /** Every JSON line, in order, exactly as the kiosk's log would hold it. */
  readonly lines: string[];
  /** The parsed lines of one event, in order. */
  events(event: LogEventId): Record<string, unknown>[];
}

/**
 * The kiosk logger of a test: every level, personal keys censored as in production, the lines kept
 * in memory. With `file` it also writes the rotating log file, as a terminal with KIOSK_LOG_FILE does.
 */
export function createTestLogger(options: { file?: RotatingFileOptions } = {}): TestLogger {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void lines.push(line) },
    ...(options.file ? { file: options.file } : {}),
  });
  return Object.assign(logger, {
    lines,
    events: (event: LogEventId) =>
      lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === event),
  });
}
