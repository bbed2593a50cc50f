/** What the pay screens ask the backend, and what the answers do to the store. */
import { paymentsApi } from './paymentsApi';
import { openPaymentsScreen, run, showPaymentsView } from './paymentsStore';

/** Opens the payments journey from the home screen and asks for the citizen's unpaid orders. */
export function openPayments(): void {
  openPaymentsScreen();
  void run(paymentsApi.orders, (v) => showPaymentsView({ name: 'orders', orders: v.orders }));
}

/** Asks for the order of a case; the backend waits (bounded) for the central's acknowledgement. */
export function pay(caseId: string): void {
  void run(
    () => paymentsApi.pay(caseId),
    (v) => showPaymentsView({ name: 'pay', payment: v.payment }),
  );
}

/** The citizen left the payment screens: the backend stops polling and withdraws an unsent order. */
export function leavePayment(): void {
  void paymentsApi.leavePayment();
}
