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

export type ConfigCheck =
  { ok: true; changes: ConfigChange[]; raw: unknown } | { ok: false; message: string };

/**
 * The configuration file as maintenance mode sees it: shown with secrets redacted, edited as JSON,
 * validated by the schema and on the disk (the same messages as at start), shown as a diff, written
 * atomically with the previous version kept, and rolled back. A change takes effect at the next
 * restart; what the editor writes is on trial until then, and undone by itself if the kiosk cannot
 * start with it (config-rollback.ts).
 */
export class ConfigEditor {
  constructor(readonly path: string | undefined) {}

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
    markMaintenanceEdit(this.path, checked.raw);
    writeJsonAtomic(this.path, checked.raw);
    return checked;
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
    markMaintenanceEdit(this.path, raw);
    writeJsonAtomic(this.path, raw);
    return { ok: true, changes, raw };
  }
}

const NO_FILE =
  'The kiosk runs on built-in defaults (no configuration file): start it with --config <file> or KIOSK_CONFIG to edit one.';
