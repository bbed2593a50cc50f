import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { jsonFileText, writeJsonAtomic } from '../../../kiosk-config/config-file';
import { assertConfigPaths } from '../../../kiosk-config/config-paths';
import { ConfigError, loadConfig } from '../../../kiosk-config/load-config';
import type { KioskConfig } from '../../../kiosk-config/schema';
import { createLogger, type KioskLogger } from '../logging/logger';

/**
 * A maintenance edit is on trial until the kiosk has started with it. Beside the configuration file:
 * - `<file>.last-good`: the configuration the kiosk last started with;
 * - `<file>.pending`: written by the maintenance editor just before it writes the file, with the
 *   digest of what it writes and how many starts have tried it;
 * - `<file>.failed`: an edit that was undone, kept for staff to look at.
 *
 * At start, a file that is exactly what maintenance wrote and that is invalid, cannot start, or has
 * not finished starting UNCONFIRMED_STARTS times (a hang the shell killed, a crash) is replaced by
 * the last good one, and the kiosk starts with that. A file that was never good (hand-edited, or no
 * start ever succeeded) is not replaced: the kiosk stops with the plain message, as before. A
 * rollback removes the trial, so a last good file that fails too is not rolled back again: the
 * supervisor's restarts never loop through rewrites.
 */
export const UNCONFIRMED_STARTS = 2;

export function lastGoodPathOf(path: string): string {
  return join(dirname(path), `${basename(path)}.last-good`);
}
export function pendingPathOf(path: string): string {
  return join(dirname(path), `${basename(path)}.pending`);
}
export function failedPathOf(path: string): string {
  return join(dirname(path), `${basename(path)}.failed`);
}

interface Trial {
  sha256: string;
  writtenAt: string;
  starts: number;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The editor calls this with the value it is about to write: the written file is then on trial. */
export function markMaintenanceEdit(path: string, value: unknown, now: Date = new Date()): void {
  const trial: Trial = { sha256: digest(jsonFileText(value)), writtenAt: now.toISOString(), starts: 0 };
  writeJsonAtomic(pendingPathOf(path), trial, { keepPrevious: false });
}

/** The trial of the file as it is now, if maintenance wrote exactly this text. */
function currentTrial(path: string, text: string | undefined): Trial | undefined {
  const marker = readText(pendingPathOf(path));
  if (marker === undefined) return undefined;
  let trial: Partial<Trial>;
  try {
    trial = JSON.parse(marker) as Partial<Trial>;
  } catch {
    trial = {};
  }
  if (text !== undefined && trial.sha256 === digest(text) && typeof trial.starts === 'number') {
    return trial as Trial;
  }
  // Changed since maintenance wrote it (by hand, by enrolment): no longer the editor's to undo.
  rmSync(pendingPathOf(path), { force: true });
  return undefined;
}

/** The configuration for a start: the schema, then the key file and data folder on the disk. */
export function loadConfigForStart(path: string | undefined): KioskConfig {
  const config = loadConfig(path);
  assertConfigPaths(config, path ?? '(built-in defaults)');
  return config;
}

function describeFailure(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  const e = err as Error;
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`.slice(0, 500);
}

/**
 * Starts the kiosk (`start`) with the configuration at `path`, undoing a maintenance edit that
 * fails at start (see above). Errors are those of `start` or ConfigError, as without a rollback.
 */
export async function startWithLastGoodConfig<T>(
  path: string | undefined,
  start: (config: KioskConfig) => Promise<T>,
  options: { logger?: KioskLogger } = {},
): Promise<T> {
  if (!path) return start(loadConfigForStart(undefined));
  const logger = options.logger ?? createLogger();
  const text = readText(path);
  const trial = currentTrial(path, text);
  if (trial && trial.starts >= UNCONFIRMED_STARTS) {
    const reason = `it did not finish starting ${trial.starts} times`;
    return rollBack(
      path,
      reason,
      new ConfigError(`The kiosk configuration ${path} ${reason}.`, path),
      start,
      logger,
    );
  }
  if (trial) {
    try {
      writeJsonAtomic(pendingPathOf(path), { ...trial, starts: trial.starts + 1 }, { keepPrevious: false });
    } catch {
      // Not counted: the start itself still tells whether the edit works.
    }
  }

  let result: T;
  try {
    result = await start(loadConfigForStart(path));
  } catch (err) {
    if (!trial) throw err;
    return rollBack(path, describeFailure(err), err, start, logger);
  }
  confirmGood(path, logger);
  return result;
}

async function rollBack<T>(
  path: string,
  reason: string,
  original: unknown,
  start: (config: KioskConfig) => Promise<T>,
  logger: KioskLogger,
): Promise<T> {
  // Whatever happens next, this edit's trial is over: a second failure must not rewrite again.
  rmSync(pendingPathOf(path), { force: true });
  const lastGoodPath = lastGoodPathOf(path);
  let lastGood: { raw: unknown; config: KioskConfig };
  try {
    if (!existsSync(lastGoodPath))
      throw new Error('there is none: the kiosk never started with a configuration file here');
    const raw = JSON.parse(readFileSync(lastGoodPath, 'utf8')) as unknown;
    lastGood = { raw, config: loadConfigForStart(lastGoodPath) };
  } catch (err) {
    logger.error('config.rollback-impossible', { reason, detail: describeFailure(err) });
    throw original;
  }
  try {
    if (existsSync(path)) copyFileSync(path, failedPathOf(path));
    writeJsonAtomic(path, lastGood.raw, { keepPrevious: false });
  } catch (err) {
    logger.error('config.rollback-impossible', { reason, detail: describeFailure(err) });
    throw original;
  }
  logger.error('config.restored-last-good', { reason, failedCopy: failedPathOf(path) });
  const result = await start(lastGood.config);
  confirmGood(path, logger);
  return result;
}

/** The kiosk started with the file as it is now: it becomes the last good one, and no longer on trial. */
function confirmGood(path: string, logger: KioskLogger): void {
  const text = readText(path);
  rmSync(pendingPathOf(path), { force: true });
  if (text === undefined) return;
  try {
    const raw = JSON.parse(text) as unknown;
    if (readText(lastGoodPathOf(path)) === jsonFileText(raw)) return;
    writeJsonAtomic(lastGoodPathOf(path), raw, { keepPrevious: false });
    logger.info('config.confirmed-good', {});
  } catch (err) {
    logger.warn('config.rollback-impossible', {
      reason: 'the last good copy cannot be saved',
      detail: describeFailure(err),
    });
  }
}
