import type { KioskDatabase } from './database';
import type { Outbox } from './outbox';

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
}

export interface IssuedFields {
  number: string;
  centralTicketId: string;
  waitingAhead: number;
  estimatedWaitMinutes: number;
  issuedAt: string;
  categoryName: { zh: string; en: string };
}

/** The payload queued for the central: no personal data, only a keyed digest of the ID number. */
export interface TicketRequestPayload {
  hallId: string;
  category: string;
  terminalId: string;
  citizenRef: string;
  priority: TicketPriority;
  kioskSequence: number;
  requestedAt: string;
}

/** Ticket requests are delivered in order per hall and category: that is the queue's fairness. */
export const TICKET_KIND = 'queue-ticket';
export const ticketStream = (hallId: string, category: string) => `${TICKET_KIND}:${hallId}:${category}`;

/** Local queue tickets. Each request is one transaction: the ticket row and its outbox row. */
export class LocalTickets {
  constructor(
    private readonly db: KioskDatabase,
    private readonly outbox: Outbox,
  ) {}

  request(
    fields: Omit<TicketRequestPayload, 'kioskSequence' | 'requestedAt'>,
    now: number,
  ): { ticketId: number; outboxId: number } {
    return this.db.transaction(() => {
      const queued = this.outbox.enqueue(
        ticketStream(fields.hallId, fields.category),
        ({ kioskSequence }): TicketRequestPayload => ({
          ...fields,
          kioskSequence,
          requestedAt: new Date(now).toISOString(),
        }),
        now,
      );
      const info = this.db
        .prepare(
          `INSERT INTO local_tickets (outbox_id, category, priority, state, created_at, updated_at)
           VALUES (?, ?, ?, 'requested', ?, ?)`,
        )
        .run(queued.id, fields.category, fields.priority, now, now);
      return { ticketId: Number(info.lastInsertRowid), outboxId: queued.id };
    })();
  }

  /** Called inside the delivery's acknowledging transaction. */
  markIssued(outboxId: number, issued: IssuedFields, now: number): void {
    this.db
      .prepare(
        `UPDATE local_tickets SET state = 'issued', number = ?, central_ticket_id = ?, waiting_ahead = ?,
           estimated_wait_minutes = ?, issued_at = ?, category_name_zh = ?, category_name_en = ?, updated_at = ?
         WHERE outbox_id = ? AND state = 'requested'`,
      )
      .run(
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
    this.db
      .prepare(
        `UPDATE local_tickets SET state = 'rejected', reject_reason = ?, updated_at = ? WHERE outbox_id = ?`,
      )
      .run(reason, now, outboxId);
  }

  markPrinted(ticketId: number, ok: boolean, now: number): void {
    this.db
      .prepare(`UPDATE local_tickets SET state = ?, updated_at = ? WHERE id = ?`)
      .run(ok ? 'printed' : 'print-failed', now, ticketId);
  }

  get(ticketId: number): LocalTicket | undefined {
    const row = this.db.prepare('SELECT * FROM local_tickets WHERE id = ?').get(ticketId) as Row | undefined;
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
    };
  }
}
