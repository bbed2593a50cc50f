import type { Statement } from 'better-sqlite3';
import { statementCache } from '../store/statements';
import type { KioskDatabase } from '../store/database';
import type { Outbox, OutboxItem } from '../store/outbox';

export type LocalTicketState = 'requested' | 'issued' | 'printed' | 'print-failed' | 'rejected';
export type TicketPriority = 'normal' | 'green-channel' | 'appointment';

export interface LocalTicket {
  id: number;
  outboxId: number;
  category: string;
  priority: TicketPriority;
  state: LocalTicketState;
  number: string | null;
  centralTicketId: string | null;
  waitingAhead: number | null;
  estimatedWaitMinutes: number | null;
  issuedAt: string | null;
  categoryName: { zh: string; en: string } | null;
  rejectReason: string | null;
  /** Issued from a leased block while the central could not be reached. */
  offline: boolean;
}

interface Row {
  id: number;
  outbox_id: number;
  category: string;
  priority: TicketPriority;
  state: LocalTicketState;
  number: string | null;
  central_ticket_id: string | null;
  waiting_ahead: number | null;
  estimated_wait_minutes: number | null;
  issued_at: string | null;
  category_name_zh: string | null;
  category_name_en: string | null;
  reject_reason: string | null;
  offline: number;
}

export interface IssuedFields {
  number: string;
  centralTicketId: string;
  waitingAhead: number;
  estimatedWaitMinutes: number;
  issuedAt: string;
  categoryName: { zh: string; en: string };
}

/**
 * A ticket request as the central takes it. `citizenRef`, the keyed digest of the ID number, is
 * personal data (an ID number has so little entropy that its digest gives it back): it is queued
 * sealed, apart from the clear payload, and put back only to be sent.
 */
export interface TicketRequestPayload {
  hallId: string;
  category: string;
  terminalId: string;
  citizenRef: string;
  priority: TicketPriority;
  kioskSequence: number;
  requestedAt: string;
}

/** What a queued action that names a citizen seals: the citizen's keyed digest. */
export interface SealedCitizen {
  citizenRef: string;
}

/** Ticket requests are delivered in order per hall and category: that is the queue's fairness. */
export const TICKET_KIND = 'queue-ticket';
export const ticketStream = (hallId: string, category: string) => `${TICKET_KIND}:${hallId}:${category}`;
/** Tickets issued offline are reconciled in the order they were issued, per hall and category. */
export const OFFLINE_TICKET_KIND = 'offline-ticket';

class NoLeasedNumberError extends Error {}

/** The reconcile request of an offline ticket; its `citizenRef` is queued sealed as well. */
export interface OfflineTicketPayload {
  blockId: string;
  number: string;
  terminalId: string;
  citizenRef: string;
  priority: 'normal' | 'green-channel';
  greenChannelReason?: 'age-70-plus';
  issuedAt: string;
}

/** Local queue tickets. Each request is one transaction: the ticket row and its outbox row. */
export class LocalTickets {
  private readonly sql: (sql: string) => Statement;
  constructor(
    private readonly db: KioskDatabase,
    private readonly outbox: Outbox,
  ) {
    this.sql = statementCache(this.db);
  }

  request(
    fields: Omit<TicketRequestPayload, 'kioskSequence' | 'requestedAt'>,
    now: number,
  ): { ticketId: number; outboxId: number } {
    return this.db.transaction(() => {
      const { citizenRef, ...clear } = fields;
      const queued = this.outbox.enqueue(
        ticketStream(fields.hallId, fields.category),
        ({ kioskSequence }): Omit<TicketRequestPayload, 'citizenRef'> => ({
          ...clear,
          kioskSequence,
          requestedAt: new Date(now).toISOString(),
        }),
        now,
        { citizenRef } satisfies SealedCitizen,
      );
      const info = this.sql(
        `INSERT INTO local_tickets (outbox_id, category, priority, state, created_at, updated_at)
           VALUES (?, ?, ?, 'requested', ?, ?)`,
      ).run(queued.id, fields.category, fields.priority, now, now);
      return { ticketId: Number(info.lastInsertRowid), outboxId: queued.id };
    })();
  }

  /**
   * An offline ticket: the leased number, the local ticket and its reconcile item in one
   * transaction. Undefined (and nothing written) when no leased number is left.
   */
  requestOffline(
    fields: Omit<TicketRequestPayload, 'kioskSequence' | 'requestedAt' | 'priority'> & {
      priority: 'normal' | 'green-channel';
      categoryName: { zh: string; en: string };
    },
    takeNumber: () => { blockId: string; number: string } | undefined,
    now: number,
    /** A failed online request of the same citizen this ticket replaces, withdrawn in the same step. */
    replaces?: { ticketId: number; outboxId: number },
  ): { ticketId: number; outboxId: number; number: string } | undefined {
    const run = this.db.transaction(() => {
      if (replaces) {
        if (!this.outbox.withdraw(replaces.outboxId, 'replaced by an offline ticket', now)) return undefined;
        this.markRejected(replaces.outboxId, 'replaced-by-offline-ticket', now);
      }
      const taken = takeNumber();
      // Throwing rolls back the withdrawal too: nothing changes without a number to give.
      if (!taken) throw new NoLeasedNumberError();
      const issuedAt = new Date(now).toISOString();
      const queued = this.outbox.enqueue(
        `${OFFLINE_TICKET_KIND}:${fields.hallId}:${fields.category}`,
        (): Omit<OfflineTicketPayload, 'citizenRef'> => ({
          blockId: taken.blockId,
          number: taken.number,
          terminalId: fields.terminalId,
          priority: fields.priority,
          ...(fields.priority === 'green-channel' ? { greenChannelReason: 'age-70-plus' as const } : {}),
          issuedAt,
        }),
        now,
        { citizenRef: fields.citizenRef } satisfies SealedCitizen,
      );
      const info = this.sql(
        `INSERT INTO local_tickets (outbox_id, category, priority, state, number, issued_at, category_name_zh,
             category_name_en, offline, created_at, updated_at)
           VALUES (?, ?, ?, 'issued', ?, ?, ?, ?, 1, ?, ?)`,
      ).run(
        queued.id,
        fields.category,
        fields.priority,
        taken.number,
        issuedAt,
        fields.categoryName.zh,
        fields.categoryName.en,
        now,
        now,
      );
      return { ticketId: Number(info.lastInsertRowid), outboxId: queued.id, number: taken.number };
    });
    try {
      return run();
    } catch (err) {
      if (err instanceof NoLeasedNumberError) return undefined;
      throw err;
    }
  }

  /** A queued request of ours as it is sent: the digest back in from the sealed fields. */
  assembled(item: OutboxItem): Record<string, unknown> | undefined {
    return this.outbox.assemble(item);
  }

  /** The central took an offline ticket into its queue; inside the acknowledging transaction. */
  markReconciled(outboxId: number, centralTicketId: string, now: number): void {
    this.sql(`UPDATE local_tickets SET central_ticket_id = ?, updated_at = ? WHERE outbox_id = ?`).run(
      centralTicketId,
      now,
      outboxId,
    );
  }

  /** Called inside the delivery's acknowledging transaction. */
  markIssued(outboxId: number, issued: IssuedFields, now: number): void {
    this.sql(
      `UPDATE local_tickets SET state = 'issued', number = ?, central_ticket_id = ?, waiting_ahead = ?,
           estimated_wait_minutes = ?, issued_at = ?, category_name_zh = ?, category_name_en = ?, updated_at = ?
         WHERE outbox_id = ? AND state = 'requested'`,
    ).run(
      issued.number,
      issued.centralTicketId,
      issued.waitingAhead,
      issued.estimatedWaitMinutes,
      issued.issuedAt,
      issued.categoryName.zh,
      issued.categoryName.en,
      now,
      outboxId,
    );
  }

  markRejected(outboxId: number, reason: string, now: number): void {
    this.sql(
      `UPDATE local_tickets SET state = 'rejected', reject_reason = ?, updated_at = ? WHERE outbox_id = ?`,
    ).run(reason, now, outboxId);
  }

  markPrinted(ticketId: number, ok: boolean, now: number): void {
    this.sql(`UPDATE local_tickets SET state = ?, updated_at = ? WHERE id = ?`).run(
      ok ? 'printed' : 'print-failed',
      now,
      ticketId,
    );
  }

  get(ticketId: number): LocalTicket | undefined {
    const row = this.sql('SELECT * FROM local_tickets WHERE id = ?').get(ticketId) as Row | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      outboxId: row.outbox_id,
      category: row.category,
      priority: row.priority,
      state: row.state,
      number: row.number,
      centralTicketId: row.central_ticket_id,
      waitingAhead: row.waiting_ahead,
      estimatedWaitMinutes: row.estimated_wait_minutes,
      issuedAt: row.issued_at,
      categoryName:
        row.category_name_zh !== null ? { zh: row.category_name_zh, en: row.category_name_en ?? '' } : null,
      rejectReason: row.reject_reason,
      offline: row.offline === 1,
    };
  }
}
