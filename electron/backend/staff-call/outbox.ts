import { z } from 'zod';
import {
  cancelStaffCallRequestSchema,
  createStaffCallRequestSchema,
  staffCallIdSchema,
  type StaffCall,
} from '../../../central/staff-calls/contract';
import type { KioskLogger } from '../logging/logger';
import { settleCentralOutcome } from '../store/central-outcome';
import { outboxKind, type OutboxKind } from '../store/outbox-kind';
import type { CentralStaffCallClient } from './central';

/**
 * The outbox kind of staff calls. A call and its cancel share one stream (`staff-call:<callId>`),
 * and a stream's kind is its part before the ':', so both are one kind told apart by `action`:
 * that keeps a cancel from overtaking the call it withdraws.
 */
export const STAFF_CALL_KIND = 'staff-call';

export const staffCallPayloadSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), request: createStaffCallRequestSchema }),
  z.object({ action: z.literal('cancel'), callId: staffCallIdSchema, request: cancelStaffCallRequestSchema }),
]);
export type StaffCallPayload = z.infer<typeof staffCallPayloadSchema>;

export interface StaffCallOutboxDeps {
  central: Pick<CentralStaffCallClient, 'create' | 'cancel'>;
  logger: KioskLogger;
  /** The central answered with the call as it now is (delivered, or already taken or ended). */
  settled: (call: StaffCall) => void;
}

/** Raising and withdrawing a call; a refusal is logged by the delivery and changes nothing on screen. */
export function staffCallOutboxKinds({ central, logger, settled }: StaffCallOutboxDeps): OutboxKind[] {
  return [
    outboxKind({
      kind: STAFF_CALL_KIND,
      payloadSchema: staffCallPayloadSchema,
      handler: async (payload, item) =>
        settleCentralOutcome(
          payload.action === 'create'
            ? await central.create(payload.request, item.idempotencyKey)
            : await central.cancel(payload.callId, payload.request, item.idempotencyKey),
          logger,
          ({ call }) =>
            () =>
              settled(call),
          () => () => undefined,
        ),
    }),
  ];
}
