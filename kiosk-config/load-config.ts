import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { kioskConfigSchema, type KioskConfig } from './schema';

/** The environment variable that names a config file when no --config flag is given. */
export const CONFIG_ENV_VAR = 'KIOSK_CONFIG';

/** A config that cannot be used. `message` is written for field staff: field, value, what is expected. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Picks the config file from `--config <path>` / `--config=<path>`, else the environment variable. */
export function configPathFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--config') return argv[i + 1];
    if (arg?.startsWith('--config=')) return arg.slice('--config='.length);
  }
  return env[CONFIG_ENV_VAR] || undefined;
}

function describeValue(root: unknown, path: readonly PropertyKey[]): string {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return 'nothing';
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function formatIssues(error: z.ZodError, raw: unknown, source: string): string {
  const lines = error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(the whole file)';
    return `  - ${field}: got ${describeValue(raw, issue.path)}, expected ${issue.message}`;
  });
  return `The kiosk configuration ${source} is not valid:\n${lines.join('\n')}`;
}

/** Validates an already-parsed object; throws ConfigError naming every bad field. */
export function parseConfig(raw: unknown, source = '(built-in defaults)'): KioskConfig {
  const result = kioskConfigSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(formatIssues(result.error, raw, source), source);
  return result.data;
}

/** Reads and validates a config file, or the defaults when no path is given. */
export function loadConfig(path: string | undefined): KioskConfig {
  if (!path) return parseConfig({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(`The kiosk configuration file ${path} cannot be read (${code}).`, path);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(
      `The kiosk configuration file ${path} is not valid JSON: ${(err as Error).message}`,
      path,
    );
  }
  return parseConfig(raw, path);
}
