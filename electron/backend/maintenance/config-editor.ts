import { existsSync, readFileSync } from 'node:fs';
import {
  diffConfig,
  previousPathOf,
  readJsonFile,
  redactConfig,
  restoreSecrets,
  writeJsonAtomic,
  type ConfigChange,
} from '../../../kiosk-config/config-file';
import { assertConfigPaths } from '../../../kiosk-config/config-paths';
import { ConfigError, jsonErrorAt, parseConfig } from '../../../kiosk-config/load-config';
import { markMaintenanceEdit } from './config-rollback';
import { configWriteFailure, type ConfigWriteFailure } from './config-write-failure';

export type ConfigCheck =
  | { ok: true; changes: ConfigChange[]; raw: unknown }
  | { ok: false; message: string; write?: ConfigWriteFailure };

export interface ConfigEditorIo {
  /** Writes the file atomically, keeping the previous version; replaced in tests by a failing disk. */
  write?: (path: string, value: unknown) => void;
  /** Marks what maintenance wrote as on trial until the next start (config-rollback.ts). */
  mark?: (path: string, raw: unknown) => void;
}

/**
 * The configuration file as maintenance mode sees it: shown with secrets redacted, edited as JSON,
 * validated by the schema and on the disk (the same messages as at start), shown as a diff, written
 * atomically with the previous version kept, and rolled back. A change takes effect at the next
 * restart; what the editor writes is on trial until then, and undone by itself if the kiosk cannot
 * start with it (config-rollback.ts).
 */
export class ConfigEditor {
  private readonly write: (path: string, value: unknown) => void;
  private readonly mark: (path: string, raw: unknown) => void;

  constructor(
    readonly path: string | undefined,
    io: ConfigEditorIo = {},
  ) {
    this.write = io.write ?? ((p, v) => writeJsonAtomic(p, v));
    this.mark = io.mark ?? markMaintenanceEdit;
  }

  /**
   * Marks and writes; a disk that refuses (a folder owned by root, a read-only file system, a full
   * disk) comes back as a failure naming the folder, its owner and the cause, not as a crash.
   */
  private save(
    path: string,
    raw: unknown,
  ): { ok: true } | { ok: false; message: string; write: ConfigWriteFailure } {
    try {
      this.mark(path, raw);
      this.write(path, raw);
      return { ok: true };
    } catch (err) {
      const write = configWriteFailure(err, path);
      if (!write) throw err;
      return {
        ok: false,
        message: `${write.folder} is not writable (${write.cause}${write.owner ? `, owned by ${write.owner}` : ''}): nothing was changed.`,
        write,
      };
    }
  }

  private current(): unknown {
    if (!this.path) return {};
    return readJsonFile(this.path) ?? {};
  }

  /** The file's own content (not the defaults it leaves out), secrets redacted. */
  view(): { path: string | null; text: string; hasPrevious: boolean } {
    return {
      path: this.path ?? null,
      text: JSON.stringify(redactConfig(this.current()), null, 2),
      hasPrevious: this.path !== undefined && existsSync(previousPathOf(this.path)),
    };
  }

  check(text: string): ConfigCheck {
    let edited: unknown;
    try {
      edited = JSON.parse(text);
    } catch {
      return { ok: false, message: `The configuration is not valid JSON: ${jsonErrorAt(text)}.` };
    }
    const current = this.current();
    const raw = restoreSecrets(edited, current);
    try {
      const source = this.path ?? '(edited configuration)';
      assertConfigPaths(parseConfig(raw, source), source);
    } catch (err) {
      if (err instanceof ConfigError) return { ok: false, message: err.message };
      throw err;
    }
    return { ok: true, changes: diffConfig(current, raw), raw };
  }

  apply(text: string): ConfigCheck | { ok: false; message: string } {
    if (!this.path) return { ok: false, message: NO_FILE };
    const checked = this.check(text);
    if (!checked.ok) return checked;
    const saved = this.save(this.path, checked.raw);
    return saved.ok ? checked : saved;
  }

  /** Puts the previous version back (and keeps the replaced one as the new previous). */
  rollback(): ConfigCheck {
    if (!this.path) return { ok: false, message: NO_FILE };
    const previous = previousPathOf(this.path);
    if (!existsSync(previous)) return { ok: false, message: 'There is no previous version to go back to.' };
    const text = readFileSync(previous, 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return {
        ok: false,
        message: `The previous version ${previous} is not valid JSON: ${jsonErrorAt(text)}.`,
      };
    }
    try {
      assertConfigPaths(parseConfig(raw, previous), previous);
    } catch (err) {
      if (err instanceof ConfigError) return { ok: false, message: err.message };
      throw err;
    }
    const changes = diffConfig(this.current(), raw);
    const saved = this.save(this.path, raw);
    return saved.ok ? { ok: true, changes, raw } : saved;
  }
}

const NO_FILE =
  'The kiosk runs on built-in defaults (no configuration file): start it with --config <file> or KIOSK_CONFIG to edit one.';
