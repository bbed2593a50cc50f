import { errorResponseSchema } from '../../../central/contract';
import type { Clock } from '../../../domain/clock';
import { hallDate } from '../../../domain/hall-time';
import type { IssuedTicket, ErrorCode, LocalizedText } from '../api/contract';
import type { KioskDevices } from '../devices/kiosk-devices';
import type { KioskLogger } from '../logging/logger';
import type { CitizenSession } from '../session/citizen-session';
import { confirmCardFor } from '../session/citizen-session';
import { storeWrite, StoreUnavailableError } from '../store/database';
import type { NumberBlocks } from './number-blocks';
import type { LocalTickets } from './store';
import { NOT_SENT_PREFIX } from '../central-connection/connection';
import type { OutboxDelivery } from '../store/outbox-delivery';
import { ticketDocument } from './paper';

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
  /** Leased numbers for offline tickets. */
  blocks: NumberBlocks;
  /** Asked to lease more numbers after a ticket while online. */
  topUpNumbers(): void;
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
  if (!session.active) return { ok: false, code: 'no-session' };
  // The card on the reader is re-read before a number (and the green channel) is issued in its
  // name; from here to the commit below nothing is awaited.
  const card = await confirmCardFor(session, 'take-ticket', logger);
  if (!card.ok) return { ok: false, code: card.code, detail: card.detail };
  const citizenRef = session.citizenRef();
  if (!citizenRef) return { ok: false, code: 'no-session' };
  if (!deps.categoryName(category)) return { ok: false, code: 'unknown-category', detail: category };
  const greenChannel = session.greenChannel();
  if (!delivery.syncStatus().online) return takeOfflineTicket(deps, category, citizenRef, greenChannel);

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
    // The request never left the kiosk: replace it with an offline ticket from a leased number.
    if (delivered?.state === 'pending' && delivered.lastError?.startsWith(NOT_SENT_PREFIX)) {
      const offline = await takeOfflineTicket(deps, category, citizenRef, greenChannel, {
        ticketId,
        outboxId,
      });
      if (offline.ok || offline.code !== 'central-unreachable') return offline;
    }
    // Otherwise it may have reached the central: it stays queued and is delivered when it is back.
    return { ok: false, code: 'central-unreachable', detail: delivered?.lastError ?? undefined };
  }

  // The slip's QR code; also on screen, so a citizen whose slip did not print can scan it.
  const followUrl = `${deps.hall.queueFollowUrl}/${encodeURIComponent(local.centralTicketId ?? local.number)}`;
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
    followUrl,
  };
  logger.info('ticket.issued', { ticketId, number: ticket.number, category });

  const printed = await devices.dispenseTicket(
    ticketDocument({ ...ticket, greenChannel, followUrl }),
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
  deps.topUpNumbers();
  return { ok: true, ticket: { ...ticket, printed: true } };
}

/**
 * The central cannot be reached: issue the next number leased for this category, print it with an
 * honest note, and queue its reconcile. Without a leased number left, say so plainly.
 */
async function takeOfflineTicket(
  deps: TakeTicketDeps,
  category: string,
  citizenRef: string,
  greenChannel: boolean,
  replaces?: { ticketId: number; outboxId: number },
): Promise<TakeTicketResult> {
  const { clock, logger, tickets, delivery, devices, blocks } = deps;
  const now = clock.now();
  const categoryName = deps.categoryName(category)!;
  let issued: { ticketId: number; outboxId: number; number: string } | undefined;
  try {
    issued = storeWrite(() =>
      tickets.requestOffline(
        {
          hallId: deps.hall.id,
          category,
          terminalId: deps.terminalId,
          citizenRef,
          priority: greenChannel ? 'green-channel' : 'normal',
          categoryName,
        },
        () => blocks.take(deps.hall.id, category, hallDate(now), now),
        now,
        replaces,
      ),
    );
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err;
    logger.error('store.unavailable', { detail: err.message });
    return { ok: false, code: 'store-unavailable', detail: err.code };
  }
  if (!issued) return { ok: false, code: 'central-unreachable', detail: 'no leased numbers left' };
  logger.info('ticket.issued-offline', { ticketId: issued.ticketId, number: issued.number, category });
  void delivery.deliver(issued.outboxId);

  const ticket: IssuedTicket = {
    number: issued.number,
    category,
    categoryName,
    hallName: deps.hall.name,
    waitingAhead: 0,
    estimatedWaitMinutes: 0,
    issuedAt: new Date(now).toISOString(),
    priority: greenChannel ? 'green-channel' : 'normal',
    printed: false,
    offline: true,
    followUrl: deps.hall.queueFollowUrl,
  };
  const printed = await devices.dispenseTicket(
    ticketDocument({ ...ticket, greenChannel, offline: true, followUrl: deps.hall.queueFollowUrl }),
    `ticket-${issued.ticketId}`,
  );
  tickets.markPrinted(issued.ticketId, printed.ok, clock.now());
  if (!printed.ok) {
    logger.warn('ticket.print-failed', {
      ticketId: issued.ticketId,
      number: ticket.number,
      status: printed.status.state,
    });
    return {
      ok: false,
      code: PRINTER_ERROR[printed.status.state] ?? 'printer-error',
      detail: printed.status.state,
      ticket,
    };
  }
  logger.info('ticket.printed', { ticketId: issued.ticketId, number: ticket.number });
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
