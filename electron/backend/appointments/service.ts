import type { Clock } from '../../../domain/clock';
import { hallDate, hallInstant } from '../../../domain/hall-time';
import type { IssuedTicket, JourneyReason, LocalizedText } from '../api/contract';
import type { ServiceResult } from '../api/replies';
import type { KioskDevices } from '../devices/kiosk-devices';
import { printerErrorCode } from '../devices/printer-errors';
import type { KioskLogger } from '../logging/logger';
import { bookingSlipDocument, checkInTicketDocument } from './paper';
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
  'hall-closed': 'hall-closed',
  'appointment-expired': 'appointment-expired',
  'appointment-other-hall': 'appointment-other-hall',
};

type Result<T> = ServiceResult<T, JourneyReason>;

export interface AppointmentsDeps {
  clock: Clock;
  logger: KioskLogger;
  session: CitizenSession;
  store: AppointmentStore;
  delivery: Pick<OutboxDelivery, 'deliver' | 'syncStatus'>;
  devices: Pick<KioskDevices, 'dispenseTicket' | 'print'>;
  central: Pick<CentralAppointmentsClient, 'listAppointmentSlots'>;
  /** The queue category's name, for the booking slip (undefined for one the kiosk does not know). */
  categoryName?(code: string): LocalizedText | undefined;
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

  /**
   * The slots of a category on a day, and the days the hall is open for bookings (the central's
   * calendar decides; the kiosk shows the first BOOKING_DAYS_SHOWN of them). A day the hall is
   * closed on answers the first open day instead, so the citizen never faces an empty Sunday.
   */
  async slots(
    category: string,
    date: string,
  ): Promise<Result<{ date: string; dates: string[]; slots: SlotView[] }>> {
    const refused = await refusalBefore(this.deps.session, 'book-appointment', this.deps.logger);
    if (refused) return refused;
    let r = await this.deps.central.listAppointmentSlots(this.deps.hall.id, category, date);
    if (r.kind !== 'ok') return notAnswered(r, REASON_OF);
    const dates = r.body.bookableDates.slice(0, BOOKING_DAYS_SHOWN);
    let shown = date;
    if (!dates.includes(date) && dates[0] !== undefined) {
      shown = dates[0];
      r = await this.deps.central.listAppointmentSlots(this.deps.hall.id, category, shown);
      if (r.kind !== 'ok') return notAnswered(r, REASON_OF);
    }
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
    return { ok: true, value: { date: shown, dates, slots } };
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
      const booked = { code, qrPayload, category, serviceDate, startTime, endTime };
      const printed = await this.printBookingSlip(booked, written.value.rowId);
      return { ok: true, value: { ...booked, printed } };
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
    const { session, logger, delivery, store, clock } = this.deps;
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
    logger.info('appointment.checked-in', { number: t.number, category: t.category });
    this.deps.scanUsed();
    return this.printCheckedIn(t, written.value.rowId);
  }

  /** The priority ticket of a check-in, printed with why it has priority (预约优先). */
  private async printCheckedIn(t: CentralTicket, rowId: number): Promise<Result<IssuedTicket>> {
    const { hall, logger } = this.deps;
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
    const printed = await this.deps.devices.dispenseTicket(
      checkInTicketDocument({ ...ticket, greenChannel: false, followUrl }, this.deps.paper),
      `appointment-${rowId}`,
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

  /** The booking slip; a printer fault leaves the booking made (its code is on screen) and tells staff. */
  private async printBookingSlip(a: Omit<BookedAppointment, 'printed'>, rowId: number): Promise<boolean> {
    const { devices, logger, session, clock, hall } = this.deps;
    const doc = bookingSlipDocument(
      {
        hallName: hall.name,
        code: a.code,
        qrPayload: a.qrPayload,
        categoryName: this.deps.categoryName?.(a.category) ?? { zh: a.category, en: a.category },
        serviceDate: a.serviceDate,
        startTime: a.startTime,
        endTime: a.endTime,
        maskedName: session.view()?.maskedName ?? '',
        printedAt: new Date(clock.now()).toISOString(),
      },
      this.deps.paper,
    );
    const printed = await devices.print(doc, `appointment-slip-${rowId}`);
    if (printed.ok) {
      logger.info('appointment.slip-printed', { category: a.category });
      return true;
    }
    logger.warn('appointment.slip-print-failed', { status: printed.status.state });
    this.deps.alerts?.raise({
      what: 'ticket-not-printed',
      device: 'receiptPrinter',
      state: printed.status.state,
      number: a.code,
    });
    return false;
  }

  private qrCheckIns = new Map<number, Promise<Result<IssuedTicket>>>();

  /**
   * A booking's QR code scanned on the home screen, nobody identified: the token in the code proves
   * the booking, so the central checks it in and the priority ticket is printed. The answer waits
   * under the scan's number for the screen that shows it (qrCheckInResult).
   */
  checkInByQr(code: string, token: string, seq: number): Promise<Result<IssuedTicket>> {
    const running = this.runQrCheckIn(code, token);
    // Only the latest scan is shown; an older one's answer is not kept.
    this.qrCheckIns.clear();
    this.qrCheckIns.set(seq, running);
    return running;
  }

  /** The answer to the QR check-in of scan `seq` (waits for it while it runs). */
  async qrCheckInResult(seq: number): Promise<Result<IssuedTicket>> {
    const running = this.qrCheckIns.get(seq);
    if (!running) return refuse('not-found', 'unknown-appointment');
    return running;
  }

  private async runQrCheckIn(code: string, token: string): Promise<Result<IssuedTicket>> {
    const { logger, delivery, store, clock } = this.deps;
    if (!delivery.syncStatus().online) return refuse('central-unreachable');
    const written = commit(logger, () =>
      store.requestQrCheckIn({ code, token, terminalId: this.deps.terminalId }, clock.now()),
    );
    if (!written.ok) return written;
    const delivered = await delivery.deliver(written.value.outboxId);
    // The scan stays in the kiosk state until a session starts: the home screen may not have read it yet.
    if (delivered?.state !== 'acknowledged') {
      logger.warn('appointment.qr-check-in-failed', {
        state: delivered?.state,
        reason: delivered?.lastError,
      });
      if (delivered?.state === 'rejected') return refusedByCentral(delivered.response, REASON_OF);
      return refuse('central-unreachable', 'queued-offline');
    }
    logger.info('appointment.qr-checked-in', {});
    return this.printCheckedIn((delivered.response as { ticket: CentralTicket }).ticket, written.value.rowId);
  }
}
