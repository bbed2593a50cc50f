import { appointmentEndpoints } from '../../../../electron/backend/appointments/contract';
import { endpointClient } from '../../api/endpoint-client';

/** Appointments' calls, built from the backend's endpoint table. */
const client = endpointClient(appointmentEndpoints);

export const appointmentsApi = {
  slots: (category: string, date: string) => client.slots({ query: { category, date } }),
  book: (slotId: string) => client.book({ body: { slotId } }),
  today: () => client.today(),
  checkIn: (code: string) => client.checkIn({ body: { code } }),
  qrCheckIn: (seq: number) => client.qrCheckIn({ query: { seq } }),
};
