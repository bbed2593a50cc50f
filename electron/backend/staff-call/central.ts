import type { z } from 'zod';
import { IDEMPOTENCY_HEADER } from '../../../central/contract';
import {
  staffCallResponseSchema,
  type cancelStaffCallRequestSchema,
  type createStaffCallRequestSchema,
} from '../../../central/staff-calls/contract';
import { CentralSliceClient } from '../central-connection/connection';

const CALLS = '/v1/kiosks/staff-calls';

/** The central's staff calls: raised and withdrawn with the outbox item's key, read after a stream gap. */
export class CentralStaffCallClient extends CentralSliceClient {
  create(payload: z.infer<typeof createStaffCallRequestSchema>, idempotencyKey: string) {
    return this.request('POST', CALLS, staffCallResponseSchema, payload, {
      [IDEMPOTENCY_HEADER]: idempotencyKey,
    });
  }

  cancel(callId: string, payload: z.infer<typeof cancelStaffCallRequestSchema>, idempotencyKey: string) {
    return this.request(
      'POST',
      `${CALLS}/${encodeURIComponent(callId)}/cancel`,
      staffCallResponseSchema,
      payload,
      {
        [IDEMPOTENCY_HEADER]: idempotencyKey,
      },
    );
  }

  get(callId: string) {
    return this.request('GET', `${CALLS}/${encodeURIComponent(callId)}`, staffCallResponseSchema);
  }
}
