/**
 * Where the citizen is in booking or checking in for an appointment, and what the last answer
 * showed. Wiped with the session.
 */
import { create } from 'zustand';
import type { IssuedTicket } from '../../../../electron/backend/api/contract';
import type { BookedAppointment, SlotView } from '../../../../electron/backend/appointments/contract';
import type { ApiError } from '../../api/client';
import { useKioskStore } from '../../state/kioskStore';
import { requestRunner, type RequestStatus } from '../../state/run-request';
import { onNewSession } from '../../state/session-epoch';

export type AppointmentsView =
  | { name: 'menu' }
  | { name: 'book'; category: string | null; date: string | null; dates: string[]; slots: SlotView[] | null }
  | { name: 'booked'; appointment: BookedAppointment }
  | { name: 'check-in'; today: { code: string; category: string; startTime: string }[] | null }
  | { name: 'checked-in'; ticket: IssuedTicket; error: ApiError | null };

export interface AppointmentsState extends RequestStatus {
  view: AppointmentsView;
}

const initial: AppointmentsState = { view: { name: 'menu' }, busy: false, error: null };

export const useAppointmentsStore = create<AppointmentsState>()(() => ({ ...initial }));

/** Opens the appointments menu from the home screen. */
export function openAppointments(): void {
  useAppointmentsStore.setState({ ...initial });
  useKioskStore.setState({ screen: 'appointments', error: null });
}

export function showAppointmentsView(view: AppointmentsView): void {
  useAppointmentsStore.setState({ view, error: null, busy: false });
}

export const run = requestRunner((status) => useAppointmentsStore.setState(status));

onNewSession(() => useAppointmentsStore.setState({ ...initial }));
