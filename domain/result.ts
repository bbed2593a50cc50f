/**
 * The answer of an operation whose failures are expected (no card, offline, refused by the
 * central): the value, or the failure as data the caller can show. Throwing is left for bugs.
 * `E` is what a failure carries besides `ok: false`, for example `{ code; detail? }`.
 */
export type Result<T, E extends object> = { ok: true; value: T } | ({ ok: false } & E);

/** The failure half of a `Result`, for functions that can only refuse. */
export type Failure<R extends Result<unknown, object>> = Extract<R, { ok: false }>;

/** A success carrying `value`. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}
