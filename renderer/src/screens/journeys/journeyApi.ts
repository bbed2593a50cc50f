/** The journeys' /api calls, validated with the contract through the shared client. */
import {
  bookResponseSchema,
  checkInResponseSchema,
  indicatorsResponseSchema,
  okResponseSchema,
  ordersResponseSchema,
  paymentResponseSchema,
  slotsResponseSchema,
  subjectsResponseSchema,
  submitRatingResponseSchema,
  todayAppointmentsResponseSchema,
} from '../../../../electron/backend/api/contract';
import type { SubmitRatingRequest } from '../../../../electron/backend/api/contract';
import { api } from '../../api/client';

export const journeyApi = {
  declareId: (idNumber: string) =>
    api.request('POST', '/api/identity/declared', okResponseSchema, { idNumber }),
  slots: (category: string, date: string) =>
    api.request(
      'GET',
      `/api/appointments/slots?${new URLSearchParams({ category, date }).toString()}`,
      slotsResponseSchema,
    ),
  book: (slotId: string) => api.request('POST', '/api/appointments', bookResponseSchema, { slotId }),
  today: () => api.request('GET', '/api/appointments/today', todayAppointmentsResponseSchema),
  checkIn: (code: string) =>
    api.request('POST', '/api/appointments/check-in', checkInResponseSchema, { code }),
  orders: () => api.request('GET', '/api/payments/orders', ordersResponseSchema),
  pay: (caseId: string) => api.request('POST', '/api/payments', paymentResponseSchema, { caseId }),
  /** The citizen left the payment screens: the backend stops polling and withdraws an unsent order. */
  leavePayment: () => api.request('POST', '/api/payments/leave', okResponseSchema),
  indicators: () => api.request('GET', '/api/evaluations/indicators', indicatorsResponseSchema),
  subjects: () => api.request('GET', '/api/evaluations/subjects', subjectsResponseSchema),
  rate: (req: SubmitRatingRequest) =>
    api.request('POST', '/api/evaluations', submitRatingResponseSchema, req),
};
