import { paymentEndpoints } from '../../../../electron/backend/payments/contract';
import { endpointClient } from '../../api/endpoint-client';

/** Payments' calls, built from the backend's endpoint table. */
const client = endpointClient(paymentEndpoints);

export const paymentsApi = {
  orders: () => client.orders(),
  pay: (caseId: string) => client.pay({ body: { caseId } }),
  /** The citizen left the payment screens: the backend stops polling and withdraws an unsent order. */
  leavePayment: () => client.leave(),
};
