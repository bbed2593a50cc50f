import type { Clock } from '../../../domain/clock';
import { hallDate, hallInstant } from '../../../domain/hall-time';
import type { IssuedTicket, JourneyReason, LocalizedText } from '../api/contract';
import type { ServiceResult } from '../api/replies';
import type { KioskDevices } from '../devices/kiosk-devices';
import { printerErrorCode } from '../devices/printer-errors';
import type { KioskLogger } from '../logging/logger';
import { ticketDocument } from '../queue/paper';
import {
  commit,
  notAnswered,
  refuse,
  refusalBefore,
  refusedByCentral,
  type ReasonOf,
} from '../session/citizen-action';
import type { CitizenSession } from '../session/citizen-session';
import type { StaffAlerts } from '../staff-call/alerts';
import type { OutboxDelivery } from '../store/outbox-delivery';
import type { CentralAppointmentsClient } from './central';
import type { BookedAppointment, SlotView, TodayAppointment } from './contract';
import type { AppointmentStore } from './store';
import type { PaperWording } from '../devices/paper-wording';

/** Days ahead a citizen may pick at the kiosk (the central takes bookings 14 days ahead). */
export const BOOKING_DAYS_SHOWN = 7;

/** The central's appointment refusals, as the screen names them. */
const REASON_OF: ReasonOf = {
  'slot-full': 'slot-full',
  'slot-closed': 'slot-closed',
  'unknown-slot': 'slot-closed',
  'appointment-exists': 'appointment-exists',
  'unknown-appointment': 'unknown-appointment',
  'invalid-appointment-state': 'appointment-not-booked',
  'check-in-closed': 'check-in-closed',
  'active-ticket-exists': 'active-ticket-exists',
};

type Result<T> = ServiceResult<T, JourneyReason>;

export interface AppointmentsDeps {
  clock: Clock;
  logger: KioskLogger;
  session: CitizenSession;
  store: AppointmentStore;
  delivery: Pick<OutboxDelivery, 'deliver' | 'syncStatus'>;
  devices: Pick<KioskDevices, 'dispenseTicket'>;
  central: Pick<CentralAppointmentsClient, 'listAppointmentSlots'>;
  hall: { id: string; name: string; queueFollowUrl: string };
  /** How this kiosk's paper is worded (its configured languages); bilingual when not given. */
  paper?: PaperWording;
  terminalId: string;
  /** The scanned appointment code was used to check in: the screens stop offering it. */
  scanUsed(): void;
  /** Hall staff are told when a citizen is left without their ticket. */
  alerts?: Pick<StaffAlerts, 'raise'>;
}

/** The ticket the central issues on check-in, as the outbox kept its answer. */
interface CentralTicket {
  ticketId: string;
  number: string;
  category: string;
  categoryName: LocalizedText;
  waitingAhead: number;
  estimatedWaitMinutes: number;
  issuedAt: string;
}

/**
 * Appointments: the slots of a category, booking one (declared identity may, the booking's code
 * proves it later), today's bookings made here, and checking in for a priority ticket. Bookings
 * and check-ins go through the outbox and are delivered at once; offline they wait there.
 */
export class AppointmentsService {
  constructor(private readonly deps: AppointmentsDeps) {}

  bookableDates(): string[] {
    const now = this.deps.clock.now();
    return Array.from({ length: BOOKING_DAYS_SHOWN }, (_, i) => hallDate(now + i * 86_400_000));
  }

  async slots(category: string, date: string): Promise<Result<{ dates: string[]; slots: SlotView[] }>> {
    const refused = await refusalBefore(this.deps.session, 'book-appointment', this.deps.logger);
    if (refused) return refused;
    const r = await this.deps.central.listAppointmentSlots(this.deps.hall.id, category, date);
    if (r.kind !== 'ok') return notAnswered(r, REASON_OF);
    const now = this.deps.clock.now();
    const slots = r.body.slots
      .filter((s) => hallInstant(s.serviceDate, s.startTime) > now)
      .map(({ slotId, serviceDate, startTime, endTime, available }) => ({
        slotId,
        serviceDate,
        startTime,
        endTime,
        available,
      }));
    return { ok: true, value: { dates: this.bookableDates(), slots } };
  }

  async book(slotId: string): Promise<Result<BookedAppointment>> {
    const { session, logger, delivery, store, clock } = this.deps;
    const refused = await refusalBefore(session, 'book-appointment', logger);
    if (refused) return refused;
    if (!delivery.syncStatus().online) return refuse('central-unreachable');
    const citizenRef = session.citizenRef()!;
    const written = commit(logger, () =>
      store.requestBooking({ slotId, citizenRef }, this.deps.hall.id, clock.now()),
    );
    if (!written.ok) return written;
    const delivered = await delivery.deliver(written.value.outboxId);
    if (delivered?.state === 'acknowledged') {
      const a = (delivered.response as { appointment: BookedAppointment }).appointment;
      logger.info('appointment.booked', { category: a.category });
      const { code, qrPayload, category, serviceDate, startTime, endTime } = a;
      return { ok: true, value: { code, qrPayload, category, serviceDate, startTime, endTime } };
    }
    logger.warn('appointment.book-failed', { state: delivered?.state, reason: delivered?.lastError });
    if (delivered?.state === 'rejected') return refusedByCentral(delivered.response, REASON_OF);
    // Kept in the outbox: delivered when the central is back; the citizen checks in by card here.
    return refuse('central-unreachable', 'queued-offline');
  }

  async today(): Promise<Result<TodayAppointment[]>> {
    const refused = await refusalBefore(this.deps.session, 'check-in', this.deps.logger);
    if (refused) return refused;
    const list = this.deps.store
      .bookingsOn(this.deps.session.citizenRef()!, hallDate(this.deps.clock.now()))
      .flatMap((a) =>
        a.code && a.category && a.startTime
          ? [{ code: a.code, category: a.category, startTime: a.startTime }]
          : [],
      );
    return { ok: true, value: list };
  }

  async checkIn(rawCode: string): Promise<Result<IssuedTicket>> {
    const { session, logger, delivery, store, clock, hall } = this.deps;
    const refused = await refusalBefore(session, 'check-in', logger);
    if (refused) return refused;
    const code = rawCode
      .trim()
      .toUpperCase()
      .replace(/^APPT:/, '');
    if (!/^[A-Z0-9]{8}$/.test(code)) return refuse('bad-request', 'unknown-appointment');
    if (!delivery.syncStatus().online) return refuse('central-unreachable');
    const citizenRef = session.citizenRef()!;
    const written = commit(logger, () =>
      store.requestCheckIn({ code, citizenRef, terminalId: this.deps.terminalId }, clock.now()),
    );
    if (!written.ok) return written;
    const delivered = await delivery.deliver(written.value.outboxId);
    if (delivered?.state !== 'acknowledged') {
      logger.warn('appointment.check-in-failed', { state: delivered?.state, reason: delivered?.lastError });
      if (delivered?.state === 'rejected') return refusedByCentral(delivered.response, REASON_OF);
      return refuse('central-unreachable', 'queued-offline');
    }
    const t = (delivered.response as { ticket: CentralTicket }).ticket;
    const followUrl = `${hall.queueFollowUrl}/${encodeURIComponent(t.ticketId)}`;
    const ticket: IssuedTicket = {
      number: t.number,
      category: t.category,
      categoryName: t.categoryName,
      hallName: hall.name,
      waitingAhead: t.waitingAhead,
      estimatedWaitMinutes: t.estimatedWaitMinutes,
      issuedAt: t.issuedAt,
      priority: 'appointment',
      printed: false,
      followUrl,
    };
    logger.info('appointment.checked-in', { number: t.number, category: t.category });
    this.deps.scanUsed();
    const printed = await this.deps.devices.dispenseTicket(
      ticketDocument({ ...ticket, greenChannel: false, followUrl }, this.deps.paper),
      `appointment-${written.value.rowId}`,
    );
    if (!printed.ok) {
      logger.warn('ticket.print-failed', { number: t.number, status: printed.status.state });
      this.deps.alerts?.raise({
        what: 'ticket-not-printed',
        device: 'receiptPrinter',
        state: printed.status.state,
        number: t.number,
      });
      return {
        ok: false,
        code: printerErrorCode(printed.status.state),
        detail: printed.status.state,
        ticket,
      };
    }
    logger.info('ticket.printed', { number: t.number });
    return { ok: true, value: { ...ticket, printed: true } };
  }
}
