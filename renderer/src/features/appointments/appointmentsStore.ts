/**
 * Where the citizen is in booking or checking in for an appointment, and what the last answer
 * showed. Wiped with the session.
 */
import { create } from 'zustand';
import type { IssuedTicket } from '../../../../electron/backend/api/contract';
import type { BookedAppointment, SlotView } from '../../../../electron/backend/appointments/contract';
import type { ApiError } from '../../api/client';
import { keepScreenWithoutCitizen, useKioskStore } from '../../state/kioskStore';
import { requestRunner, type RequestStatus } from '../../state/run-request';
import { onNewSession } from '../../state/session-epoch';
import { appointmentsApi } from './appointmentsApi';

export type AppointmentsView =
  | { name: 'menu' }
  | { name: 'book'; category: string | null; date: string | null; dates: string[]; slots: SlotView[] | null }
  | { name: 'booked'; appointment: BookedAppointment }
  | { name: 'check-in'; today: { code: string; category: string; startTime: string }[] | null }
  | { name: 'checked-in'; ticket: IssuedTicket; error: ApiError | null }
  /** A booking's QR code scanned on the home screen, nobody identified: checking in, then its answer. */
  | { name: 'qr-check-in'; seq: number; ticket: IssuedTicket | null; error: ApiError | null };

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

// The QR check-in's answer names no one, so it stays on screen with nobody identified.
keepScreenWithoutCitizen(
  (screen) => screen === 'appointments' && useAppointmentsStore.getState().view.name === 'qr-check-in',
);

/**
 * A booking's QR code scanned with nobody identified (the home screen): the backend is checking it
 * in; this shows the appointments screen with its answer, the priority ticket or why not.
 */
export function openQrCheckIn(seq: number): void {
  useAppointmentsStore.setState({
    view: { name: 'qr-check-in', seq, ticket: null, error: null },
    busy: true,
    error: null,
  });
  useKioskStore.setState({ screen: 'appointments', error: null });
  void appointmentsApi.qrCheckIn(seq).then((r) => {
    const view = useAppointmentsStore.getState().view;
    // Another scan, or the citizen went elsewhere: this answer is no longer on screen.
    if (view.name !== 'qr-check-in' || view.seq !== seq) return;
    useAppointmentsStore.setState({
      busy: false,
      view: r.ok
        ? { name: 'qr-check-in', seq, ticket: r.value.ticket, error: null }
        : { name: 'qr-check-in', seq, ticket: r.error.ticket ?? null, error: r.error },
    });
  });
}

let lastQrSeq: number | null = null;

// The home screen is "design"'s: rather than a hook there, the scan in the kiosk state opens this
// screen when it is a booking's QR code read while nobody is identified.
useKioskStore.subscribe((s) => {
  const scan = s.kiosk?.journey?.scan ?? null;
  if (scan?.kind !== 'appointment' || s.kiosk?.citizen !== null || scan.seq === lastQrSeq) return;
  const onQrScreen =
    s.screen === 'appointments' && useAppointmentsStore.getState().view.name === 'qr-check-in';
  if (s.screen !== 'home' && !onQrScreen) return;
  lastQrSeq = scan.seq;
  openQrCheckIn(scan.seq);
});
