import type { Clock } from '../../../domain/clock';

/** Long enough for a slow township link; a check that takes longer is a finding in itself. */
export const NETWORK_CHECK_TIMEOUT_MS = 8_000;

export type NetworkCheck =
  | {
      ok: true;
      url: string;
      status: number;
      latencyMs: number;
      /** Central time minus kiosk time, from the HTTP Date header (seconds; null without one). */
      clockSkewSeconds: number | null;
    }
  | { ok: false; url: string; error: string; latencyMs: number };

/**
 * Asks the central API for its hall's queue categories with the device token: proves DNS, TCP,
 * TLS, the token and the central itself in one request, and measures latency and clock skew.
 */
export async function checkCentral(deps: {
  baseUrl: string;
  deviceToken: string;
  hallId: string;
  clock: Clock;
  fetch?: typeof fetch;
}): Promise<NetworkCheck> {
  const url = new URL(
    `/v1/halls/${encodeURIComponent(deps.hallId)}/queue-categories`,
    deps.baseUrl,
  ).toString();
  const started = deps.clock.now();
  try {
    const res = await (deps.fetch ?? fetch)(url, {
      headers: { authorization: `Bearer ${deps.deviceToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(NETWORK_CHECK_TIMEOUT_MS),
    });
    await res.arrayBuffer();
    const latencyMs = deps.clock.now() - started;
    if (!res.ok) {
      const hint = res.status === 401 ? ' (the device token was refused: enrol the terminal again)' : '';
      return { ok: false, url, error: `HTTP ${res.status}${hint}`, latencyMs };
    }
    const date = res.headers.get('date');
    const central = date ? Date.parse(date) : NaN;
    return {
      ok: true,
      url,
      status: res.status,
      latencyMs,
      clockSkewSeconds: Number.isNaN(central) ? null : Math.round((central - deps.clock.now()) / 1000),
    };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return {
      ok: false,
      url,
      error: `${e.name}: ${e.cause?.code ?? e.message}`,
      latencyMs: deps.clock.now() - started,
    };
  }
}
