import type { z } from 'zod';
import {
  appointmentResponseSchema,
  issueTicketResponseSchema,
  listAppointmentSlotsResponseSchema,
  type bookAppointmentRequestSchema,
  type checkInRequestSchema,
  type qrCheckInRequestSchema,
} from '../../../central/contract';
import { IDEMPOTENCY_HEADER } from '../../../central/contract';
import { CentralSliceClient } from '../central-connection/connection';

/** The central's appointment routes, through the kiosk's one connection (token, renewal, outcome). */
export class CentralAppointmentsClient extends CentralSliceClient {
  listAppointmentSlots(hallId: string, category: string, date: string) {
    const q = new URLSearchParams({ hallId, category, date });
    return this.request('GET', `/v1/appointment-slots?${q}`, listAppointmentSlotsResponseSchema);
  }

  bookAppointment(body: z.infer<typeof bookAppointmentRequestSchema>, idempotencyKey: string) {
    return this.request('POST', '/v1/appointments', appointmentResponseSchema, body, {
      [IDEMPOTENCY_HEADER]: idempotencyKey,
    });
  }

  checkIn(code: string, body: z.infer<typeof checkInRequestSchema>, idempotencyKey: string) {
    return this.request(
      'POST',
      `/v1/appointments/${encodeURIComponent(code)}/check-in`,
      issueTicketResponseSchema,
      body,
      { [IDEMPOTENCY_HEADER]: idempotencyKey },
    );
  }

  qrCheckIn(code: string, body: z.infer<typeof qrCheckInRequestSchema>, idempotencyKey: string) {
    return this.request(
      'POST',
      `/v1/appointments/${encodeURIComponent(code)}/qr-check-in`,
      issueTicketResponseSchema,
      body,
      { [IDEMPOTENCY_HEADER]: idempotencyKey },
    );
  }
}
