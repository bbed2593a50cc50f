/** The citizen's unpaid orders and the payment on screen. Wiped with the session. */
import { create } from 'zustand';
import type { OrderView, PaymentView } from '../../../../electron/backend/payments/contract';
import { useKioskStore } from '../../state/kioskStore';
import { requestRunner, type RequestStatus } from '../../state/run-request';
import { onNewSession } from '../../state/session-epoch';

export type PaymentsView =
  { name: 'orders'; orders: OrderView[] | null } | { name: 'pay'; payment: PaymentView };

export interface PaymentsState extends RequestStatus {
  view: PaymentsView;
}

const initial: PaymentsState = { view: { name: 'orders', orders: null }, busy: false, error: null };

export const usePaymentsStore = create<PaymentsState>()(() => ({ ...initial }));

export function showPaymentsView(view: PaymentsView): void {
  usePaymentsStore.setState({ view, error: null, busy: false });
}

/** Shows the orders screen (loading); the screen's store is fresh. */
export function openPaymentsScreen(): void {
  usePaymentsStore.setState({ ...initial });
  useKioskStore.setState({ screen: 'payments', error: null });
}

export const run = requestRunner((status) => usePaymentsStore.setState(status));

onNewSession(() => usePaymentsStore.setState({ ...initial }));
