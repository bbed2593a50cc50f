import {
  appointmentCodeSchema,
  bookAppointmentRequestSchema,
  checkInRequestSchema,
  qrCheckInRequestSchema,
} from '../../../central/appointments/contract';
import type { KioskLogger } from '../logging/logger';
import { PAYLOAD_INVALID, settleCentralOutcome } from '../store/central-outcome';
import type { Outbox } from '../store/outbox';
import { outboxKind, type OutboxKind } from '../store/outbox-kind';
import type { CentralAppointmentsClient } from './central';
import { BOOK_KIND, CHECK_IN_KIND, QR_CHECK_IN_KIND, type AppointmentStore } from './store';

export interface AppointmentOutboxDeps {
  central: Pick<CentralAppointmentsClient, 'bookAppointment' | 'checkIn' | 'qrCheckIn'>;
  store: AppointmentStore;
  outbox: Pick<Outbox, 'assemble'>;
  logger: KioskLogger;
}

/** The check-in's code travels in the payload too: it names the appointment in the URL. */
const queuedCheckInSchema = checkInRequestSchema.extend({ code: appointmentCodeSchema });
const queuedQrCheckInSchema = qrCheckInRequestSchema.extend({ code: appointmentCodeSchema });

/**
 * Bookings and check-ins. The citizen's digest comes back from the sealed fields (or, for an item
 * queued before it was sealed, from the payload); an item that does not parse is refused on its
 * row as `payload-invalid`.
 */
export function appointmentOutboxKinds({
  central,
  store,
  outbox,
  logger,
}: AppointmentOutboxDeps): OutboxKind[] {
  const assemble = outbox.assemble.bind(outbox);
  const rejectInvalid = (item: { id: number }, now: number) =>
    store.markAppointmentRejected(item.id, PAYLOAD_INVALID, now);
  return [
    outboxKind({
      kind: BOOK_KIND,
      payloadSchema: bookAppointmentRequestSchema,
      assemble,
      rejectInvalid,
      handler: async (request, item) =>
        settleCentralOutcome(
          await central.bookAppointment(request, item.idempotencyKey),
          logger,
          ({ appointment: a }) =>
            (now) =>
              store.markBooked(item.id, a, now),
          (code) => (now) => store.markAppointmentRejected(item.id, code, now),
        ),
    }),
    outboxKind({
      kind: CHECK_IN_KIND,
      payloadSchema: queuedCheckInSchema,
      assemble,
      rejectInvalid,
      handler: async ({ code, ...body }, item) =>
        settleCentralOutcome(
          await central.checkIn(code, body, item.idempotencyKey),
          logger,
          ({ ticket }) =>
            (now) =>
              store.markCheckedIn(item.id, ticket.number, now),
          (reject) => (now) => store.markAppointmentRejected(item.id, reject, now),
        ),
    }),
    outboxKind({
      kind: QR_CHECK_IN_KIND,
      payloadSchema: queuedQrCheckInSchema,
      assemble,
      rejectInvalid,
      handler: async ({ code, ...body }, item) =>
        settleCentralOutcome(
          await central.qrCheckIn(code, body, item.idempotencyKey),
          logger,
          ({ ticket }) =>
            (now) =>
              store.markCheckedIn(item.id, ticket.number, now),
          (reject) => (now) => store.markAppointmentRejected(item.id, reject, now),
        ),
    }),
  ];
}
