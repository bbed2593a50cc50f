/**
 * The developer endpoints (offered by the backend only while every device is simulated), built from
 * their table. This file is reachable only through the dev panel's dynamic import, so a production
 * bundle has none of it.
 */
import {
  developerDeviceEndpoints,
  devPrinterStateRequestSchema,
  type DevPlaceCardRequest,
  type DevPrinterState,
} from '../../../electron/backend/devices/contract';
import { api } from '../api/client';
import type { ApiResult, RequestClient } from '../api/client';
import { endpointClient } from '../api/endpoint-client';

export type PrinterState = DevPrinterState;
export const PRINTER_STATES: readonly PrinterState[] = devPrinterStateRequestSchema.shape.state.options;

const done = <T>(r: ApiResult<T>): ApiResult<true> => (r.ok ? { ok: true, value: true } : r);

/** The panel's calls over the app's one HTTP client (its deadline and answer checks). */
export function createDevApi(client: RequestClient = api) {
  const dev = endpointClient(developerDeviceEndpoints, client);
  return {
    placeCard: async (request: DevPlaceCardRequest) => done(await dev.placeCard({ body: request })),
    removeCard: async () => done(await dev.removeCard()),
    setPrinterState: async (state: PrinterState) => done(await dev.setPrinterState({ body: { state } })),
    async getPaper(): Promise<ApiResult<string[]>> {
      const r = await dev.paper();
      return r.ok ? { ok: true, value: r.value.lines } : r;
    },
    tearPaper: async () => done(await dev.tearPaper()),
  };
}
export type DevApi = ReturnType<typeof createDevApi>;
