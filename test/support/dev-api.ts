import type { BrowserHost } from '../../electron/backend/browser-host';

/** Calls a host's /api (dev routes included) with the request secret of this start. */
export type DevApi = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

/**
 * The caller of `host`'s /api the e2e hosts hand to tests, scripts and benches; it throws with the
 * method, path, status and answer unless the answer is 200. No vitest here, so scripts can use it.
 */
export function devApi(host: BrowserHost): DevApi {
  return async (method, path, body) => {
    const res = await fetch(`http://127.0.0.1:${host.port}${path}`, {
      method,
      headers: {
        'x-kiosk-secret': host.secret,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
}
