/** What the appointment screens ask the backend, and what the answers do to the store. */
import { appointmentsApi } from './appointmentsApi';
import { loadCategories } from '../queue/queueActions';
import { run, showAppointmentsView, useAppointmentsStore } from './appointmentsStore';

/** Booking starts with the queue's categories (an appointment is for one of them). */
export function startBooking(): void {
  showAppointmentsView({ name: 'book', category: null, date: null, dates: [], slots: null });
  void loadCategories();
}

/** The slots of a category on a day, and the days that have any. */
export function pickDay(category: string, date: string): void {
  const view = useAppointmentsStore.getState().view;
  if (view.name === 'book') showAppointmentsView({ ...view, category, date, slots: null });
  void run(
    () => appointmentsApi.slots(category, date),
    // The backend answers the first open day when the hall is closed on the one asked for.
    (v) => showAppointmentsView({ name: 'book', category, date: v.date, dates: v.dates, slots: v.slots }),
  );
}

export function book(slotId: string): void {
  void run(
    () => appointmentsApi.book(slotId),
    (v) => showAppointmentsView({ name: 'booked', appointment: v.appointment }),
  );
}

/** Check-in lists the citizen's appointments of today (by card), or takes a typed or scanned code. */
export function openCheckIn(): void {
  showAppointmentsView({ name: 'check-in', today: null });
  void run(appointmentsApi.today, (v) => showAppointmentsView({ name: 'check-in', today: v.appointments }));
}

/**
 * Checks in and shows the ticket. A refusal that still carries a ticket (already checked in, or
 * issued but not printed) shows that ticket with the reason.
 */
export function checkIn(code: string): void {
  void run(
    () => appointmentsApi.checkIn(code),
    (v) => showAppointmentsView({ name: 'checked-in', ticket: v.ticket, error: null }),
  ).then(() => {
    const e = useAppointmentsStore.getState().error;
    if (e?.ticket) showAppointmentsView({ name: 'checked-in', ticket: e.ticket, error: e });
  });
}
