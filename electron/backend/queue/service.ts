import { errorResponseSchema } from '../../../central/contract';
import type { Clock } from '../../../domain/clock';
import { hallDate } from '../../../domain/hall-time';
import type { ServiceResult } from '../api/replies';
import { NOT_SENT_PREFIX } from '../central-connection/connection';
import type { DeviceName } from '../devices/device-status';
import type { KioskDevices } from '../devices/kiosk-devices';
import { printerErrorCode } from '../devices/printer-errors';
import type { KioskLogger } from '../logging/logger';
import type { CitizenSession } from '../session/citizen-session';
import { confirmCardFor } from '../session/citizen-session';
import type { StaffAlerts } from '../staff-call/alerts';
import { storeWrite, StoreUnavailableError } from '../store/database';
import type { DownstreamCache } from '../store/downstream-cache';
import type { OutboxDelivery } from '../store/outbox-delivery';
import type { CentralQueueClient } from './central';
import type { IssuedTicket, QueueCategory } from './contract';
import type { NumberBlocks } from './number-blocks';
import { NumberKeeper } from './number-keeper';
import { ticketDocument } from './paper';
import type { LocalTickets } from './store';
import type { LocalizedText } from '../../../domain/localized-text';
import type { PaperWording } from '../devices/paper-wording';

export type TakeTicketResult = ServiceResult<IssuedTicket>;

export interface QueueServiceDeps {
  clock: Clock;
  logger: KioskLogger;
  session: CitizenSession;
  tickets: LocalTickets;
  delivery: OutboxDelivery;
  devices: KioskDevices;
  central: Pick<CentralQueueClient, 'listQueueCategories' | 'leaseNumberBlock'>;
  /** Where the last categories the central gave are kept, for offline use and across restarts. */
  cache: DownstreamCache;
  /** Leased numbers for offline tickets. */
  blocks: NumberBlocks;
  hall: { id: string; name: string; queueFollowUrl: string };
  /** How this kiosk's paper is worded (its configured languages); bilingual when not given. */
  paper?: PaperWording;
  terminalId: string;
  /** The printer the slip comes out of: staff are sent to it when a slip did not print. */
  ticketDevice: DeviceName;
  alerts: Pick<StaffAlerts, 'raise'>;
}

/**
 * 取号 at this kiosk: the hall's queue categories (the last ones the central gave stay in use
 * offline, from the store across restarts), a number issued by the central or, while it cannot be
 * reached, from the numbers leased for an outage, and the slip printed. A number issued whose slip
 * did not print is a staff alert: somebody must bring it to the citizen.
 */
export class QueueService {
  private cached: QueueCategory[];
  private readonly numbers: NumberKeeper;
  private readonly resource: string;

  constructor(private readonly deps: QueueServiceDeps) {
    this.resource = `queue-categories:${deps.hall.id}`;
    this.cached = deps.cache.get<QueueCategory[]>(this.resource)?.body ?? [];
    this.numbers = new NumberKeeper({
      clock: deps.clock,
      logger: deps.logger,
      central: deps.central,
      blocks: deps.blocks,
      hallId: deps.hall.id,
      terminalId: deps.terminalId,
      categories: () => this.cached.map((c) => c.code),
    });
  }

  /** The central's categories now, or the last ones it gave when it cannot be reached. */
  async categories(): Promise<QueueCategory[]> {
    const { central, cache, clock, logger, hall } = this.deps;
    const result = await central.listQueueCategories(hall.id);
    if (result.kind === 'ok') {
      this.cached = result.body.categories;
      try {
        storeWrite(() => cache.put(this.resource, this.cached, null, clock.now()));
      } catch (err) {
        if (!(err instanceof StoreUnavailableError)) throw err;
        logger.error('store.unavailable', { detail: err.message });
      }
    }
    return this.cached;
  }

  /** A category's name as the central last gave it; undefined for a category it does not offer. */
  categoryName(code: string): LocalizedText | undefined {
    return this.cached.find((c) => c.code === code)?.name;
  }

  /** The categories afresh, then numbers leased for the next outage (after a reconnection). */
  async refresh(): Promise<void> {
    await this.categories();
    this.topUpNumbers();
  }

  /** Leases more numbers where few are left; a failed lease is tried again at the next top-up. */
  topUpNumbers(): void {
    void this.numbers
      .topUp()
      .catch((err: Error) => this.deps.logger.error('store.unavailable', { detail: err.message }));
  }

  /** Resolves when no lease is under way (for an orderly shutdown). */
  idle(): Promise<void> {
    return this.numbers.idle();
  }

  async takeTicket(category: string): Promise<TakeTicketResult> {
    // A category added at the central since the last refresh is offered at once.
    if (!this.categoryName(category)) await this.categories();
    const result = await this.issue(category);
    if (!result.ok && result.ticket && result.code.startsWith('printer-')) {
      this.deps.alerts.raise({
        what: 'ticket-not-printed',
        device: this.deps.ticketDevice,
        state: result.detail ?? result.code,
        number: result.ticket.number,
      });
    }
    return result;
  }

  /**
   * The request is committed (local ticket + outbox row in one transaction) before anything
   * leaves the kiosk; the central issues the number; only then is the ticket printed.
   */
  private async issue(category: string): Promise<TakeTicketResult> {
    const deps = this.deps;
    const { clock, logger, session, tickets, delivery, devices } = deps;
    if (!session.active) return { ok: false, code: 'no-session' };
    // The card on the reader is re-read before a number (and the green channel) is issued in its
    // name; from here to the commit below nothing is awaited.
    const card = await confirmCardFor(session, 'take-ticket', logger);
    if (!card.ok) return { ok: false, code: card.code, detail: card.detail };
    const citizenRef = session.citizenRef();
    if (!citizenRef) return { ok: false, code: 'no-session' };
    if (!this.categoryName(category)) return { ok: false, code: 'unknown-category', detail: category };
    const greenChannel = session.greenChannel();
    if (!delivery.syncStatus().online) return this.issueOffline(category, citizenRef, greenChannel);

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
        const offline = await this.issueOffline(category, citizenRef, greenChannel, {
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
      categoryName: local.categoryName ?? this.categoryName(category)!,
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
      ticketDocument({ ...ticket, greenChannel, followUrl }, deps.paper),
      `ticket-${ticketId}`,
    );
    tickets.markPrinted(ticketId, printed.ok, clock.now());
    if (!printed.ok) {
      logger.warn('ticket.print-failed', { ticketId, number: ticket.number, status: printed.status.state });
      return {
        ok: false,
        code: printerErrorCode(printed.status.state),
        detail: printed.status.state,
        ticket,
      };
    }
    logger.info('ticket.printed', { ticketId, number: ticket.number });
    this.topUpNumbers();
    return { ok: true, value: { ...ticket, printed: true } };
  }

  /**
   * The central cannot be reached: issue the next number leased for this category, print it with an
   * honest note, and queue its reconcile. Without a leased number left, say so plainly.
   */
  private async issueOffline(
    category: string,
    citizenRef: string,
    greenChannel: boolean,
    replaces?: { ticketId: number; outboxId: number },
  ): Promise<TakeTicketResult> {
    const deps = this.deps;
    const { clock, logger, tickets, delivery, devices, blocks } = deps;
    const now = clock.now();
    const categoryName = this.categoryName(category)!;
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
      ticketDocument(
        { ...ticket, greenChannel, offline: true, followUrl: deps.hall.queueFollowUrl },
        deps.paper,
      ),
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
        code: printerErrorCode(printed.status.state),
        detail: printed.status.state,
        ticket,
      };
    }
    logger.info('ticket.printed', { ticketId: issued.ticketId, number: ticket.number });
    return { ok: true, value: { ...ticket, printed: true } };
  }
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
