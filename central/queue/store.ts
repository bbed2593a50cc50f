import { randomUUID } from 'node:crypto';
import type { CentralDatabase } from '../db/database';
import type {
  IssueTicketRequest,
  LocalizedText,
  QueueCategory,
  Ticket,
  TicketPriority,
  TicketStatus,
} from '../contract';

/** Services averaged for the wait estimate: enough to smooth one slow case, recent enough to follow the day. */
export const RECENT_SERVICES_FOR_ESTIMATE = 20;
/** Minutes per person assumed before a category has any served ticket to learn from. */
export const DEFAULT_SERVICE_MINUTES = 5;
/** Three digits on the slip and the hall screens. */
export const MAX_DAILY_NUMBER = 999;

/** Statuses that hold the citizen's place in a category: a second ticket is refused meanwhile. */
const ACTIVE_STATUSES = ['waiting', 'called'] as const satisfies readonly TicketStatus[];

export interface Hall {
  hallId: string;
  name: LocalizedText;
}

interface TicketRow {
  ticket_id: string;
  number: string;
  hall_id: string;
  hall_name_zh: string;
  category_code: string;
  category_name_zh: string;
  category_name_en: string;
  priority: TicketPriority;
  status: TicketStatus;
  terminal_id: string;
  issued_at: number;
  id: number;
  called_at: number | null;
}

export type IssueOutcome =
  | { kind: 'issued'; ticket: Ticket }
  | { kind: 'active-ticket-exists'; ticket: Ticket }
  | { kind: 'daily-numbers-exhausted' };

export type TransitionOutcome =
  | { kind: 'ok'; ticket: Ticket }
  | { kind: 'unknown-ticket' }
  | { kind: 'invalid-state'; status: TicketStatus };

const ticketColumns = `
  t.id, t.ticket_id, t.number, t.hall_id, h.name_zh AS hall_name_zh, t.category_code,
  c.name_zh AS category_name_zh, c.name_en AS category_name_en, t.priority, t.status, t.terminal_id,
  t.issued_at, t.called_at`;
const ticketJoin = `
  FROM tickets t
  JOIN halls h ON h.hall_id = t.hall_id
  JOIN queue_categories c ON c.hall_id = t.hall_id AND c.code = t.category_code`;
const priorityRank = `CASE t.priority WHEN 'normal' THEN 1 ELSE 0 END`;
const activeList = ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ');

function isPriority(p: TicketPriority): boolean {
  return p !== 'normal';
}

/** Queue storage: halls, categories and tickets. Methods are synchronous; callers own transactions. */
export class QueueStore {
  private readonly stmts;

  constructor(private readonly db: CentralDatabase) {
    this.stmts = {
      hall: db.prepare<[string], { hall_id: string; name_zh: string; name_en: string }>(
        'SELECT hall_id, name_zh, name_en FROM halls WHERE hall_id = ?',
      ),
      categories: db.prepare<
        [string, string],
        { code: string; name_zh: string; name_en: string; waiting: number }
      >(
        `SELECT c.code, c.name_zh, c.name_en,
           (SELECT count(*) FROM tickets t
             WHERE t.hall_id = c.hall_id AND t.category_code = c.code AND t.service_date = ? AND t.status = 'waiting'
           ) AS waiting
         FROM queue_categories c WHERE c.hall_id = ? ORDER BY c.sort_order, c.code`,
      ),
      category: db.prepare<[string, string], { code: string }>(
        'SELECT code FROM queue_categories WHERE hall_id = ? AND code = ?',
      ),
      activeTicket: db.prepare<[string, string, string, string], TicketRow>(
        `SELECT ${ticketColumns} ${ticketJoin}
         WHERE t.hall_id = ? AND t.category_code = ? AND t.service_date = ? AND t.citizen_ref = ?
           AND t.status IN (${activeList})`,
      ),
      lastSeq: db.prepare<[string, string, string], { seq: number | null }>(
        'SELECT max(seq) AS seq FROM tickets WHERE hall_id = ? AND category_code = ? AND service_date = ?',
      ),
      waitingCounts: db.prepare<[string, string, string], { total: number; priority: number }>(
        `SELECT count(*) AS total, coalesce(sum(priority != 'normal'), 0) AS priority
         FROM tickets WHERE hall_id = ? AND category_code = ? AND service_date = ? AND status = 'waiting'`,
      ),
      recentServiceMs: db.prepare<[string, string, number], { avg_ms: number | null }>(
        `SELECT avg(completed_at - called_at) AS avg_ms FROM (
           SELECT completed_at, called_at FROM tickets
           WHERE hall_id = ? AND category_code = ? AND status = 'served' AND called_at IS NOT NULL
           ORDER BY completed_at DESC LIMIT ?)`,
      ),
      insert: db.prepare(
        `INSERT INTO tickets (ticket_id, hall_id, category_code, service_date, seq, number, priority, status,
           citizen_ref, terminal_id, kiosk_sequence, requested_at, issued_at)
         VALUES (@ticketId, @hallId, @category, @serviceDate, @seq, @number, @priority, 'waiting',
           @citizenRef, @terminalId, @kioskSequence, @requestedAt, @issuedAt)`,
      ),
      byId: db.prepare<[string], TicketRow & { service_date: string }>(
        `SELECT ${ticketColumns}, t.service_date ${ticketJoin} WHERE t.ticket_id = ?`,
      ),
      byDay: db.prepare<[string, string], TicketRow>(
        `SELECT ${ticketColumns} ${ticketJoin}
         WHERE t.hall_id = ? AND t.service_date = ? ORDER BY t.category_code, t.id`,
      ),
      waitingInCategory: db.prepare<[string, string, string], { ticket_id: string }>(
        `SELECT t.ticket_id FROM tickets t
         WHERE t.hall_id = ? AND t.category_code = ? AND t.service_date = ? AND t.status = 'waiting'
         ORDER BY ${priorityRank}, t.id`,
      ),
      setCalled: db.prepare(`UPDATE tickets SET status = 'called', called_at = ? WHERE ticket_id = ?`),
      setServed: db.prepare(`UPDATE tickets SET status = 'served', completed_at = ? WHERE ticket_id = ?`),
      forgetCitizens: db.prepare(
        `UPDATE tickets SET citizen_ref = NULL WHERE issued_at < ? AND citizen_ref IS NOT NULL`,
      ),
    };
  }

  hall(hallId: string): Hall | undefined {
    const row = this.stmts.hall.get(hallId);
    return row && { hallId: row.hall_id, name: { zh: row.name_zh, en: row.name_en } };
  }

  hasCategory(hallId: string, code: string): boolean {
    return this.stmts.category.get(hallId, code) !== undefined;
  }

  categories(hallId: string, date: string): QueueCategory[] {
    return this.stmts.categories.all(date, hallId).map((r) => ({
      code: r.code,
      name: { zh: r.name_zh, en: r.name_en },
      waiting: r.waiting,
    }));
  }

  /** Minutes one person takes at the window in this category, from recent services. */
  minutesPerPerson(hallId: string, category: string): number {
    const avgMs = this.stmts.recentServiceMs.get(hallId, category, RECENT_SERVICES_FOR_ESTIMATE)?.avg_ms;
    return avgMs == null ? DEFAULT_SERVICE_MINUTES : avgMs / 60_000;
  }

  /** Minutes until a citizen with `waitingAhead` people before them is likely called. */
  estimateWaitMinutes(hallId: string, category: string, waitingAhead: number): number {
    return waitingAhead === 0 ? 0 : Math.ceil(waitingAhead * this.minutesPerPerson(hallId, category));
  }

  /**
   * Issues the next number of the day in the request's category, or reports why not. Call inside
   * a write transaction so the number, the active-ticket check and the caller's idempotency record
   * are one atomic step.
   */
  issue(req: IssueTicketRequest, serviceDate: string, now: number): IssueOutcome {
    const active = this.stmts.activeTicket.get(req.hallId, req.category, serviceDate, req.citizenRef);
    if (active) return { kind: 'active-ticket-exists', ticket: this.liveTicket(active, serviceDate) };

    const seq = (this.stmts.lastSeq.get(req.hallId, req.category, serviceDate)?.seq ?? 0) + 1;
    if (seq > MAX_DAILY_NUMBER) return { kind: 'daily-numbers-exhausted' };

    const counts = this.stmts.waitingCounts.get(req.hallId, req.category, serviceDate) ?? {
      total: 0,
      priority: 0,
    };
    // Priority tickets (green channel, appointment) are served before every normal one, and in
    // issue order among themselves.
    const waitingAhead = isPriority(req.priority) ? counts.priority : counts.total;
    const ticketId = randomUUID();
    const number = `${req.category}${String(seq).padStart(3, '0')}`;
    this.stmts.insert.run({
      ticketId,
      hallId: req.hallId,
      category: req.category,
      serviceDate,
      seq,
      number,
      priority: req.priority,
      citizenRef: req.citizenRef,
      terminalId: req.terminalId,
      kioskSequence: req.kioskSequence,
      requestedAt: req.requestedAt,
      issuedAt: now,
    });
    const row = this.stmts.byId.get(ticketId);
    if (!row) throw new Error('ticket vanished right after insert');
    return {
      kind: 'issued',
      ticket: toTicket(row, waitingAhead, this.estimateWaitMinutes(req.hallId, req.category, waitingAhead)),
    };
  }

  ticket(ticketId: string): Ticket | undefined {
    const row = this.stmts.byId.get(ticketId);
    return row && this.liveTicket(row, row.service_date);
  }

  /** The day's tickets of a hall, with each waiting ticket's current place in its queue. */
  ticketsOfDay(hallId: string, serviceDate: string): Ticket[] {
    const rows = this.stmts.byDay.all(hallId, serviceDate);
    const places = new Map<string, number>();
    for (const category of new Set(rows.filter((r) => r.status === 'waiting').map((r) => r.category_code))) {
      this.queueOrder(hallId, category, serviceDate).forEach((id, i) => places.set(id, i));
    }
    const perPerson = new Map<string, number>();
    return rows.map((row) => {
      const ahead = places.get(row.ticket_id) ?? 0;
      let minutes = perPerson.get(row.category_code);
      if (minutes === undefined) {
        minutes = this.minutesPerPerson(hallId, row.category_code);
        perPerson.set(row.category_code, minutes);
      }
      return toTicket(row, ahead, ahead === 0 ? 0 : Math.ceil(ahead * minutes));
    });
  }

  call(ticketId: string, now: number): TransitionOutcome {
    return this.transition(ticketId, 'waiting', () => this.stmts.setCalled.run(now, ticketId));
  }

  complete(ticketId: string, now: number): TransitionOutcome {
    return this.transition(ticketId, 'called', () => this.stmts.setServed.run(now, ticketId));
  }

  /** Drops citizen references from tickets issued before `before`: they only serve the day's queue. */
  forgetCitizenRefs(before: number): number {
    return this.stmts.forgetCitizens.run(before).changes;
  }

  private transition(ticketId: string, from: TicketStatus, apply: () => void): TransitionOutcome {
    return this.db
      .transaction((): TransitionOutcome => {
        const row = this.stmts.byId.get(ticketId);
        if (!row) return { kind: 'unknown-ticket' };
        if (row.status !== from) return { kind: 'invalid-state', status: row.status };
        apply();
        const updated = this.stmts.byId.get(ticketId)!;
        return { kind: 'ok', ticket: this.liveTicket(updated, updated.service_date) };
      })
      .immediate();
  }

  private queueOrder(hallId: string, category: string, serviceDate: string): string[] {
    return this.stmts.waitingInCategory.all(hallId, category, serviceDate).map((r) => r.ticket_id);
  }

  private liveTicket(row: TicketRow, serviceDate: string): Ticket {
    const ahead =
      row.status === 'waiting'
        ? Math.max(0, this.queueOrder(row.hall_id, row.category_code, serviceDate).indexOf(row.ticket_id))
        : 0;
    return toTicket(row, ahead, this.estimateWaitMinutes(row.hall_id, row.category_code, ahead));
  }
}

function toTicket(row: TicketRow, waitingAhead: number, estimatedWaitMinutes: number): Ticket {
  return {
    ticketId: row.ticket_id,
    number: row.number,
    hallId: row.hall_id,
    hallName: row.hall_name_zh,
    category: row.category_code,
    categoryName: { zh: row.category_name_zh, en: row.category_name_en },
    priority: row.priority,
    waitingAhead,
    estimatedWaitMinutes,
    issuedAt: new Date(row.issued_at).toISOString(),
    status: row.status,
    terminalId: row.terminal_id,
  };
}
