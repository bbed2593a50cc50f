/**
 * The developer endpoints (offered by the backend only while every device is simulated). This file
 * is reachable only through the dev panel's dynamic import, so a production bundle has none of it.
 */
import {
  devPaperResponseSchema,
  devPlaceCardRequestSchema,
  devPrinterStateRequestSchema,
  okResponseSchema,
} from '../../../electron/backend/api/contract';
import type { DevPlaceCardRequest } from '../../../electron/backend/api/contract';
import { api } from '../api/client';
import type { ApiClient, ApiResult } from '../api/client';

export type PrinterState = (typeof devPrinterStateRequestSchema.shape.state.options)[number];
export const PRINTER_STATES: readonly PrinterState[] = devPrinterStateRequestSchema.shape.state.options;

export function createDevApi(client: ApiClient = api) {
  return {
    async placeCard(request: DevPlaceCardRequest): Promise<ApiResult<true>> {
      const body = devPlaceCardRequestSchema.safeParse(request);
      if (!body.success) {
        return {
          ok: false,
          error: { code: 'bad-request', detail: body.error.issues.map((i) => i.message).join('; ') },
        };
      }
      const r = await client.request('POST', '/api/dev/card', okResponseSchema, body.data);
      return r.ok ? { ok: true, value: true } : r;
    },
    async removeCard(): Promise<ApiResult<true>> {
      const r = await client.request('DELETE', '/api/dev/card', okResponseSchema);
      return r.ok ? { ok: true, value: true } : r;
    },
    async setPrinterState(state: PrinterState): Promise<ApiResult<true>> {
      const r = await client.request('POST', '/api/dev/printer/state', okResponseSchema, { state });
      return r.ok ? { ok: true, value: true } : r;
    },
    async getPaper(): Promise<ApiResult<string[]>> {
      const r = await client.request('GET', '/api/dev/printer/paper', devPaperResponseSchema);
      return r.ok ? { ok: true, value: r.value.lines } : r;
    },
    async tearPaper(): Promise<ApiResult<true>> {
      const r = await client.request('DELETE', '/api/dev/printer/paper', okResponseSchema);
      return r.ok ? { ok: true, value: true } : r;
    },
  };
}
export type DevApi = ReturnType<typeof createDevApi>;
