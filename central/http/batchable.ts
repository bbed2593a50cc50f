import type { BatchSubRequest } from './batch-contract';

/** A route a batch may contain: its method and its path as registered (`:name` is one segment). */
export interface BatchableRoute {
  method: BatchSubRequest['method'];
  path: string;
}

/**
 * The kiosk's outbox deliveries, the only requests a batch exists for: each carries an
 * Idempotency-Key, so a batch lost half way can be resent whole (the kiosk's
 * central-connection/batching-fetch.ts batches exactly those; test/integration/
 * batchable-clients.test.ts checks the kiosk's clients against this list). Nothing that streams,
 * nothing that reads, never a batch: a stream never answers and would hold the batch and its
 * memory, and a batch inside a batch multiplies one request's work past every limit.
 */
export const BATCHABLE_ROUTES: readonly BatchableRoute[] = [
  { method: 'POST', path: '/v1/queue/tickets' },
  { method: 'POST', path: '/v1/queue/offline-tickets' },
  { method: 'POST', path: '/v1/appointments' },
  { method: 'POST', path: '/v1/appointments/:code/check-in' },
  { method: 'POST', path: '/v1/appointments/:code/qr-check-in' },
  { method: 'POST', path: '/v1/kiosks/staff-calls' },
  { method: 'POST', path: '/v1/kiosks/staff-calls/:callId/cancel' },
  { method: 'POST', path: '/v1/payments' },
  { method: 'POST', path: '/v1/evaluations' },
  { method: 'POST', path: '/v1/cases' },
];

export type NormalisedPath = { ok: true; path: string; segments: string[] } | { ok: false; reason: string };

// Control characters (NUL included), which no path of this API contains and some layers truncate at.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A sub-request's path in the one form that is both checked and run. The router would accept the
 * same route written many ways (`/v1/%62atch`, `/v1/./batch`, `/v1/x/../batch`, `/v1\batch`),
 * so checking the text as written lets any of them through; here percent-encoding is decoded,
 * `.` and `..` are resolved (encoded ones too), repeated slashes collapse, and what cannot be
 * read one way only is refused: an encoded `/` or `\`, a backslash, control characters, a
 * malformed escape, a query or fragment (no batchable route takes one), `..` above the root.
 * The result is re-encoded segment by segment, so the router decodes it back to exactly the
 * segments checked.
 */
export function normaliseRequestPath(raw: string): NormalisedPath {
  if (!raw.startsWith('/')) return { ok: false, reason: 'a path starts with /' };
  if (raw.includes('?') || raw.includes('#')) {
    return { ok: false, reason: 'a batched request carries no query or fragment' };
  }
  if (raw.includes('\\')) return { ok: false, reason: 'a path has no backslash' };
  const segments: string[] = [];
  for (const written of raw.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(written);
    } catch {
      return { ok: false, reason: 'a malformed percent-escape' };
    }
    if (segment.includes('/') || segment.includes('\\')) {
      return { ok: false, reason: 'an encoded slash or backslash' };
    }
    if (CONTROL.test(segment)) return { ok: false, reason: 'a control character' };
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return { ok: false, reason: '.. above the root' };
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  return { ok: true, path: '/' + segments.map(encodeURIComponent).join('/'), segments };
}

/** Whether decoded `segments` are an instance of the registered `pattern`. */
function matches(pattern: string, segments: readonly string[]): boolean {
  const parts = pattern.split('/').filter((p) => p !== '');
  return (
    parts.length === segments.length &&
    parts.every((part, i) => (part.startsWith(':') ? segments[i]!.length > 0 : part === segments[i]))
  );
}

export type BatchableCheck =
  { ok: true; path: string; route: BatchableRoute } | { ok: false; reason: string };

/** The sub-request's normalised path if `method path` is one of `routes`, else why not. */
export function checkBatchable(
  method: string,
  rawPath: string,
  routes: readonly BatchableRoute[] = BATCHABLE_ROUTES,
): BatchableCheck {
  const normalised = normaliseRequestPath(rawPath);
  if (!normalised.ok) return normalised;
  const route = routes.find((r) => r.method === method && matches(r.path, normalised.segments));
  if (!route) {
    return { ok: false, reason: `${method} ${normalised.path} is not a route a batch may contain` };
  }
  return { ok: true, path: normalised.path, route };
}
