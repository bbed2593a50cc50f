import { expect } from 'vitest';
import type { BrowserHost } from '../../electron/backend/browser-host';

/**
 * Calls the browser host's /api (developer endpoints included) with this start's secret, as a
 * test or a developer tool would. `call` expects 200 and returns the JSON body.
 */
export function hostApi(host: () => BrowserHost) {
  const request = (method: string, path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${host().port}${path}`, {
      method,
      headers: {
        'x-kiosk-secret': host().secret,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    request,
    async call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
      const res = await request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(200);
      return (await res.json()) as Record<string, unknown>;
    },
  };
}
