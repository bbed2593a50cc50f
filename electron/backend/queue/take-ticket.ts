import { errorResponseSchema } from '../../../central/contract';
import type { Clock } from '../../../drivers/clock';
import type { IssuedTicket, ErrorCode, LocalizedText } from '../api/contract';
import type { KioskDevices } from '../devices/kiosk-devices';
import type { KioskLogger } from '../logging/logger';
import type { CitizenSession } from '../session/citizen-session';
import { storeWrite, StoreUnavailableError } from '../store/database';
import type { LocalTickets } from '../store/local-tickets';
import type { OutboxDelivery } from '../sync/outbox-delivery';
import { ticketDocument } from './ticket-document';

export type TakeTicketResult =
  { ok: true; ticket: IssuedTicket } | { ok: false; code: ErrorCode; detail?: string; ticket?: IssuedTicket };

export interface TakeTicketDeps {
  clock: Clock;
  logger: KioskLogger;
  session: CitizenSession;
  tickets: LocalTickets;
  delivery: OutboxDelivery;
  devices: KioskDevices;
  hall: { id: string; name: string; queueFollowUrl: string };
  terminalId: string;
  /** The categories the central offers; a ticket for anything else is refused before queueing. */
  categoryName(code: string): LocalizedText | undefined;
}

const PRINTER_ERROR: Record<string, ErrorCode> = {
  'paper-out': 'printer-paper-out',
  'cover-open': 'printer-cover-open',
  offline: 'printer-offline',
  disconnected: 'printer-offline',
};

/**
 * 取号: the request is committed (local ticket + outbox row in one transaction) before anything
 * leaves the kiosk; the central issues the number; only then is the ticket printed.
 */
export async function takeTicket(deps: TakeTicketDeps, category: string): Promise<TakeTicketResult> {
  const { clock, logger, session, tickets, delivery, devices } = deps;
  const citizenRef = session.citizenRef();
  if (!citizenRef) return { ok: false, code: 'no-session' };
  if (!deps.categoryName(category)) return { ok: false, code: 'unknown-category', detail: category };
  const greenChannel = session.greenChannel();

  let requested: { ticketId: number; outboxId: number };
  try {
    requested = storeWrite(() =>
      tickets.request(
        {
          hallId: deps.hall.id,
          category,
          terminalId: deps.terminalId,
          citizenRef,
          priority: greenChannel ? 'green-channel' : 'normal',
        },
        clock.now(),
      ),
    );
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err;
    logger.error('store.unavailable', { detail: err.message });
    return { ok: false, code: 'store-unavailable', detail: err.code };
  }
  const { ticketId, outboxId } = requested;
  logger.info('ticket.requested', { ticketId, outboxId, category });

  const delivered = await delivery.deliver(outboxId);
  const local = tickets.get(ticketId);
  if (delivered?.state === 'rejected' || local?.state === 'rejected') {
    const existing = rejectedWithExistingTicket(delivered?.response, deps.hall.name);
    logger.warn('ticket.rejected', { ticketId, reason: delivered?.lastError ?? local?.rejectReason });
    if (existing) return { ok: false, code: 'active-ticket-exists', ticket: existing };
    return { ok: false, code: 'central-rejected', detail: delivered?.lastError ?? undefined };
  }
  if (!local || local.state !== 'issued' || !local.number) {
    // Still pending in the outbox: the request will be delivered when the central is back.
    return { ok: false, code: 'central-unreachable', detail: delivered?.lastError ?? undefined };
  }

  const ticket: IssuedTicket = {
    number: local.number,
    category: local.category,
    categoryName: local.categoryName ?? deps.categoryName(category)!,
    hallName: deps.hall.name,
    waitingAhead: local.waitingAhead ?? 0,
    estimatedWaitMinutes: local.estimatedWaitMinutes ?? 0,
    issuedAt: local.issuedAt ?? new Date(clock.now()).toISOString(),
    priority: local.priority,
    printed: false,
  };
  logger.info('ticket.issued', { ticketId, number: ticket.number, category });

  const printed = await devices.print(
    ticketDocument({
      ...ticket,
      greenChannel,
      followUrl: `${deps.hall.queueFollowUrl}/${encodeURIComponent(local.centralTicketId ?? ticket.number)}`,
    }),
    `ticket-${ticketId}`,
  );
  tickets.markPrinted(ticketId, printed.ok, clock.now());
  if (!printed.ok) {
    logger.warn('ticket.print-failed', { ticketId, number: ticket.number, status: printed.status.state });
    return {
      ok: false,
      code: PRINTER_ERROR[printed.status.state] ?? 'printer-error',
      detail: printed.status.state,
      ticket,
    };
  }
  logger.info('ticket.printed', { ticketId, number: ticket.number });
  return { ok: true, ticket: { ...ticket, printed: true } };
}

function rejectedWithExistingTicket(response: unknown, hallName: string): IssuedTicket | undefined {
  const parsed = errorResponseSchema.safeParse(response);
  if (!parsed.success) return undefined;
  const { code, ticket: t } = parsed.data.error;
  if (code !== 'active-ticket-exists' || !t) return undefined;
  return {
    number: t.number,
    category: t.category,
    categoryName: t.categoryName,
    hallName,
    waitingAhead: t.waitingAhead,
    estimatedWaitMinutes: t.estimatedWaitMinutes,
    issuedAt: t.issuedAt,
    priority: t.priority,
    printed: true,
  };
}
