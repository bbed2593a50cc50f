import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { redactConfig, SECRET_PATHS } from './config-file';
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

const SECRET_FIELDS = new Set(SECRET_PATHS.map((p) => p.join('.')));

/** A user name and password in a URL (https://user:pass@host) are shown as neither. */
function withoutCredentials(text: string): string {
  return text.replace(/(\/\/)[^/?#@\s"]*@/g, '$1[credentials removed]@');
}

/**
 * The value a message quotes for a field: never a secret (a device token, key or PIN hash), not even
 * inside a larger object, and never the credentials of a URL.
 */
export function describeValue(root: unknown, path: readonly PropertyKey[]): string {
  if (SECRET_FIELDS.has(path.join('.'))) {
    return isPresent(root, path) ? 'a value that is not shown (it is a secret)' : 'nothing';
  }
  let value: unknown = redactConfig(root);
  for (const key of path) {
    if (value === null || typeof value !== 'object') return 'nothing';
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (value === undefined) return 'nothing';
  const text = withoutCredentials(JSON.stringify(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isPresent(root: unknown, path: readonly PropertyKey[]): boolean {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value !== undefined;
}

/** One bad field, as every configuration message shows it. */
export interface FieldProblem {
  field: string;
  got: string;
  expected: string;
}

/** The message for field staff: which file, then one line per bad field. */
export function formatProblems(problems: readonly FieldProblem[], source: string): string {
  const lines = problems.map((p) => `  - ${p.field}: got ${p.got}, expected ${p.expected}`);
  return `The kiosk configuration ${source} is not valid:\n${lines.join('\n')}`;
}

function formatIssues(error: z.ZodError, raw: unknown, source: string): string {
  return formatProblems(
    error.issues.map((issue) => ({
      field: issue.path.length ? issue.path.join('.') : '(the whole file)',
      got: describeValue(raw, issue.path),
      expected: issue.message,
    })),
    source,
  );
}

/**
 * Where JSON text goes wrong, as a line and column. V8's own message quotes the text around the
 * error, which may be a device token or key: it is never shown.
 */
export function jsonErrorAt(text: string): string {
  const offset = firstJsonErrorOffset(text);
  if (offset === undefined) return 'the text is not JSON';
  const before = text.slice(0, offset).split('\n');
  return offset >= text.length
    ? 'the text ends too early (a missing } or ] or ")'
    : `at line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/** The offset of the first character a JSON parser cannot accept (text.length: it ends too early). */
function firstJsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!literal) fail();
    i += literal![0].length;
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  try {
    value();
    ws();
    return i < text.length ? i : undefined;
  } catch (at) {
    return typeof at === 'number' ? at : undefined;
  }
}

/** Validates an already-parsed object; throws ConfigError naming every bad field. */
export function parseConfig(raw: unknown, source = '(built-in defaults)'): KioskConfig {
  const result = kioskConfigSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(formatIssues(result.error, raw, source), source);
  return result.data;
}

/** What a remote configuration without a device token is told to do. */
export const ENROL_EXPECTATION =
  'the device token that "kiosk-config enrol --config <file> --code <one-time code>" writes (a remote central never accepts the development token)';

/**
 * Reads and validates a config file, or the defaults when no path is given. A remote central
 * without a device token in the file is refused: the schema's default is the development token,
 * which a central in service refuses, so the kiosk would start and then fail every call.
 * `allowUnenrolled` is for the provisioning commands that run before (or do) the enrolment.
 */
export function loadConfig(
  path: string | undefined,
  options: { allowUnenrolled?: boolean } = {},
): KioskConfig {
  if (!path) return parseConfig({});
  const { raw, config } = readConfigFile(path);
  if (!options.allowUnenrolled && config.central.mode === 'remote' && !hasDeviceToken(raw)) {
    throw new ConfigError(
      formatProblems([{ field: 'central.deviceToken', got: 'nothing', expected: ENROL_EXPECTATION }], path),
      path,
    );
  }
  return config;
}

/** True when the file itself names a device token (not the schema's development default). */
export function hasDeviceToken(raw: unknown): boolean {
  const central = (raw as { central?: unknown } | null)?.central;
  return typeof central === 'object' && central !== null && 'deviceToken' in central;
}

/** A config file's raw JSON and its validated configuration; throws ConfigError naming what is wrong. */
export function readConfigFile(path: string): { raw: unknown; config: KioskConfig } {
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
    if (!(err instanceof SyntaxError)) throw err;
    throw new ConfigError(
      `The kiosk configuration file ${path} is not valid JSON: ${jsonErrorAt(text)}.`,
      path,
    );
  }
  return { raw, config: parseConfig(raw, path) };
}
