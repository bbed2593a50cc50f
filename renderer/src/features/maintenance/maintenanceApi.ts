/**
 * The renderer's client of /api/maintenance/*: relative URLs, the maintenance token in its header,
 * every answer checked against the contract. Nothing throws: failures come back as a result.
 */
import '../../zodConfig';
import type { z } from 'zod';
import type { Result } from '../../../../domain/result';
import {
  auditResponseSchema,
  configChangesResponseSchema,
  configViewResponseSchema,
  loginResponseSchema,
  logsResponseSchema,
  MAINTENANCE_TOKEN_HEADER,
  maintenanceErrorBodySchema,
  networkCheckResponseSchema,
  okSchema,
  outboxResponseSchema,
  overviewResponseSchema,
  retryResponseSchema,
  selfTestResponseSchema,
  syncResponseSchema,
  testCardResponseSchema,
  testPrintResponseSchema,
  testScanResponseSchema,
  type MaintenanceErrorCode,
} from '../../../../electron/backend/maintenance/contract';

export interface MaintenanceError {
  code: MaintenanceErrorCode;
  detail?: string;
  attemptsLeft?: number;
  retryAt?: string;
}
export type MResult<T> = Result<T, { error: MaintenanceError }>;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export function createMaintenanceApi(
  getToken: () => string | null,
  doFetch: FetchLike = (i, init) => globalThis.fetch(i, init),
) {
  async function request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<MResult<z.infer<S>>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = getToken();
    if (token) headers[MAINTENANCE_TOKEN_HEADER] = token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let json: unknown;
    let status: number | undefined;
    try {
      const res = await doFetch(`/api/maintenance${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      status = res.status;
      json = JSON.parse(await res.text());
      if (res.ok) {
        const parsed = schema.safeParse(json);
        if (parsed.success) return { ok: true, value: parsed.data };
        return {
          ok: false,
          error: { code: 'internal', detail: `${path}: answer does not match the contract` },
        };
      }
    } catch (err) {
      return { ok: false, error: { code: 'internal', detail: `${path}: ${String(err)}` } };
    }
    const failure = maintenanceErrorBodySchema.safeParse(json);
    if (failure.success) return { ok: false, error: failure.data.error };
    // The kiosk /api error body (e.g. bad-request from the shared error handler).
    const code = (json as { error?: { code?: string } } | undefined)?.error?.code;
    return {
      ok: false,
      error: { code: code === 'bad-request' ? 'bad-request' : 'internal', detail: `${path}: HTTP ${status}` },
    };
  }

  return {
    login: (pin: string) => request('POST', '/login', loginResponseSchema, { pin }),
    logout: () => request('POST', '/logout', okSchema),
    touch: () => request('POST', '/touch', okSchema),
    overview: () => request('GET', '/overview', overviewResponseSchema),
    selfTest: () => request('POST', '/devices/self-test', selfTestResponseSchema),
    testPrint: () => request('POST', '/devices/test-print', testPrintResponseSchema),
    testCard: () => request('POST', '/devices/test-card', testCardResponseSchema),
    testScan: () => request('POST', '/devices/test-scan', testScanResponseSchema),
    config: () => request('GET', '/config', configViewResponseSchema),
    checkConfig: (text: string) => request('POST', '/config/check', configChangesResponseSchema, { text }),
    applyConfig: (text: string) => request('POST', '/config/apply', configChangesResponseSchema, { text }),
    rollbackConfig: () => request('POST', '/config/rollback', configChangesResponseSchema),
    outbox: () => request('GET', '/outbox', outboxResponseSchema),
    retry: (id: number) => request('POST', `/outbox/${id}/retry`, retryResponseSchema),
    sync: () => request('GET', '/sync', syncResponseSchema),
    logs: (event: string, failuresOnly: boolean) =>
      request(
        'GET',
        `/logs?event=${encodeURIComponent(event)}&failuresOnly=${failuresOnly ? 'true' : 'false'}`,
        logsResponseSchema,
      ),
    networkCheck: () => request('POST', '/network-check', networkCheckResponseSchema),
    restart: () => request('POST', '/restart', okSchema),
    leaveKiosk: () => request('POST', '/leave-kiosk', okSchema),
    audit: () => request('GET', '/audit', auditResponseSchema),
  };
}

export type MaintenanceApi = ReturnType<typeof createMaintenanceApi>;
