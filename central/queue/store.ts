import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../domain/clock';
import type { CentralDatabase } from '../db/database';
import type {
  IssueTicketRequest,
  LocalizedText,
  QueueCategory,
  Ticket,
  TicketPriority,
  TicketStatus,
} from '../contract';
import { hallDate, hallDayEnd } from '../../domain/hall-time';
import type { GreenChannelReason, NumberBlock, OfflineTicketRequest } from './contract';

/** Services averaged for the wait estimate: enough to smooth one slow case, recent enough to follow the day. */
export const RECENT_SERVICES_FOR_ESTIMATE = 20;
/** Minutes per person assumed before a category has any served ticket to learn from. */
export const DEFAULT_SERVICE_MINUTES = 5;
/**
 * How long a category's minutes-per-person figure is reused for wait estimates. Every call,
 * completion, no-show and transfer made through this store drops it at once; this only bounds how
 * late the estimate follows the clock (windows leaving the 30-minute lookback) and other writers.
 */
export const WAIT_ESTIMATE_CACHE_MS = 5_000;
/** How long the names of a hall and category are reused (they change only by seeding). */
export const PLACE_CACHE_MS = 60_000;
/** Bound on that cache: halls times categories of a city fit easily. */
const PLACE_CACHE_ENTRIES = 10_000;
/** Three digits on the slip and the hall screens. */
export const MAX_DAILY_NUMBER = 999;
/**
 * A window that called a ticket of a category within this long counts as serving it: the estimate
 * divides the queue among them. Half an hour covers one long case without keeping a closed window.
 */
export const ACTIVE_WINDOW_LOOKBACK_MS = 30 * 60 * 1000;
/**
 * Numbers one terminal may hold in leased blocks per category and day. A kiosk offline for a whole
 * day issues well under this; without a cap a faulty kiosk could lease away all 999 numbers.
 */
export const MAX_LEASED_NUMBERS_PER_TERMINAL_DAY = 200;

/** Statuses that hold the citizen's place in a category: a second ticket is refused meanwhile. */
const ACTIVE_STATUSES = ['waiting', 'called'] as const satisfies readonly TicketStatus[];

export type PriorityReason = GreenChannelReason | 'appointment';

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
  priority_reason: PriorityReason | null;
  status: TicketStatus;
  terminal_id: string;
  issued_at: number;
  id: number;
  called_at: number | null;
  window_id: string | null;
  service_date: string;
  seq: number;
  citizen_ref: string | null;
  kiosk_sequence: number;
  requested_at: string;
}

interface BlockRow {
  block_id: string;
  hall_id: string;
  category_code: string;
  service_date: string;
  terminal_id: string;
  first_seq: number;
  last_seq: number;
  created_at: number;
  expires_at: number;
}

export type IssueOutcome =
  | { kind: 'issued'; ticket: Ticket }
  | { kind: 'active-ticket-exists'; ticket: Ticket }
  | { kind: 'daily-numbers-exhausted' };

export type TransitionOutcome =
  | { kind: 'ok'; ticket: Ticket }
  | { kind: 'unknown-ticket' }
  | { kind: 'invalid-state'; status: TicketStatus };

export type TransferOutcome =
  | TransitionOutcome
  | { kind: 'same-category' }
  | { kind: 'unknown-category' }
  | { kind: 'active-ticket-exists'; ticket: Ticket }
  | { kind: 'daily-numbers-exhausted' };

export type LeaseOutcome =
  | { kind: 'leased'; block: NumberBlock }
  | { kind: 'daily-numbers-exhausted' }
  | { kind: 'lease-limit-reached' };

export type ReconcileOutcome =
  | { kind: 'reconciled'; ticket: Ticket }
  | { kind: 'unknown-block' }
  | { kind: 'block-not-yours' }
  | { kind: 'number-not-in-block' }
  | { kind: 'block-expired' }
  | { kind: 'outside-service-day' }
  | { kind: 'number-already-reconciled'; ticket: Ticket }
  | { kind: 'active-ticket-exists'; ticket: Ticket };

/** What the queue tells the rest of the central when a ticket is called (hall screens, live events). */
export type TicketCalledListener = (ticket: Ticket, event: { windowId?: string; recall: boolean }) => void;

const ticketColumns = `
  t.id, t.ticket_id, t.number, t.hall_id, h.name_zh AS hall_name_zh, t.category_code,
  c.name_zh AS category_name_zh, c.name_en AS category_name_en, t.priority, t.priority_reason, t.status,
  t.terminal_id, t.issued_at, t.called_at, t.window_id, t.service_date, t.seq, t.citizen_ref,
  t.kiosk_sequence, t.requested_at`;
const ticketJoin = `
  FROM tickets t
  JOIN halls h ON h.hall_id = t.hall_id
  JOIN queue_categories c ON c.hall_id = t.hall_id AND c.code = t.category_code`;
const priorityRank = `CASE t.priority WHEN 'normal' THEN 1 ELSE 0 END`;
/** Queue order: priority tickets first, then by the time the slip was issued (offline ones included). */
const queueOrder = `${priorityRank}, t.issued_at, t.id`;
const activeList = ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ');

function formatNumber(category: string, seq: number): string {
  return `${category}${String(seq).padStart(3, '0')}`;
}

interface PlaceNames {
  hall: string;
  category: LocalizedText;
}

export interface IssueExtras {
  priorityReason?: PriorityReason;
}

/** Queue storage: halls, categories and tickets. Methods are synchronous; callers own transactions. */
export class QueueStore {
  private readonly stmts;

  constructor(
    private readonly db: CentralDatabase,
    private readonly clock: Clock = systemClock,
  ) {
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
      place: db.prepare<
        { hallId: string; category: string },
        { hall_name_zh: string; category_name_zh: string | null; category_name_en: string | null }
      >(
        `SELECT h.name_zh AS hall_name_zh, c.name_zh AS category_name_zh, c.name_en AS category_name_en
         FROM halls h LEFT JOIN queue_categories c ON c.hall_id = h.hall_id AND c.code = @category
         WHERE h.hall_id = @hallId`,
      ),
      activeTicket: db.prepare<[string, string, string, string], TicketRow>(
        `SELECT ${ticketColumns} ${ticketJoin}
         WHERE t.hall_id = ? AND t.category_code = ? AND t.service_date = ? AND t.citizen_ref = ?
           AND t.status IN (${activeList})`,
      ),
      // The day's counter counts up from 001 over the numbers the central issued itself...
      // (Walked from the top of the day's numbers down: only reconciled offline numbers, at the
      // top, are passed over, instead of reading every ticket of the day as max() would.)
      lastSeq: db.prepare<[string, string, string], { seq: number }>(
        `SELECT seq FROM tickets
         WHERE hall_id = ? AND category_code = ? AND service_date = ? AND block_id IS NULL
         ORDER BY seq DESC LIMIT 1`,
      ),
      // ...skipping any block leased to a kiosk; blocks are leased from the top (999) down, so the
      // counter meets one only on a day with almost a thousand tickets in one category.
      blockAt: db.prepare<[string, string, string, number], { last_seq: number }>(
        `SELECT last_seq FROM ticket_blocks
         WHERE hall_id = ? AND category_code = ? AND service_date = ? AND ? BETWEEN first_seq AND last_seq`,
      ),
      lowestBlock: db.prepare<[string, string, string], { first: number | null }>(
        `SELECT min(first_seq) AS first FROM ticket_blocks WHERE hall_id = ? AND category_code = ? AND service_date = ?`,
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
      activeWindows: db.prepare<[string, string, number], { n: number }>(
        `SELECT count(DISTINCT window_id) AS n FROM tickets
         WHERE hall_id = ? AND category_code = ? AND called_at >= ? AND window_id IS NOT NULL`,
      ),
      insert: db.prepare(
        `INSERT INTO tickets (ticket_id, hall_id, category_code, service_date, seq, number, priority, status,
           citizen_ref, terminal_id, kiosk_sequence, requested_at, issued_at, priority_reason, block_id)
         VALUES (@ticketId, @hallId, @category, @serviceDate, @seq, @number, @priority, 'waiting',
           @citizenRef, @terminalId, @kioskSequence, @requestedAt, @issuedAt, @priorityReason, @blockId)`,
      ),
      byId: db.prepare<[string], TicketRow>(`SELECT ${ticketColumns} ${ticketJoin} WHERE t.ticket_id = ?`),
      byNumber: db.prepare<[string, string, string, number], TicketRow>(
        `SELECT ${ticketColumns} ${ticketJoin}
         WHERE t.hall_id = ? AND t.category_code = ? AND t.service_date = ? AND t.seq = ?`,
      ),
      byDay: db.prepare<[string, string], TicketRow>(
        `SELECT ${ticketColumns} ${ticketJoin}
         WHERE t.hall_id = ? AND t.service_date = ? ORDER BY t.category_code, t.id`,
      ),
      waitingInCategory: db.prepare<[string, string, string], { ticket_id: string }>(
        `SELECT t.ticket_id FROM tickets t
         WHERE t.hall_id = ? AND t.category_code = ? AND t.service_date = ? AND t.status = 'waiting'
         ORDER BY ${queueOrder}`,
      ),
      headOfCategories: db.prepare<[string, string, string], { ticket_id: string }>(
        `SELECT t.ticket_id FROM tickets t
         WHERE t.hall_id = ? AND t.service_date = ? AND t.status = 'waiting'
           AND t.category_code IN (SELECT value FROM json_each(?))
         ORDER BY ${queueOrder} LIMIT 1`,
      ),
      setCalled: db.prepare(
        `UPDATE tickets SET status = 'called', called_at = ?, last_called_at = ?, window_id = coalesce(?, window_id)
         WHERE ticket_id = ?`,
      ),
      setRecalled: db.prepare(
        `UPDATE tickets SET recall_count = recall_count + 1, last_called_at = ?, window_id = coalesce(?, window_id)
         WHERE ticket_id = ?`,
      ),
      setServed: db.prepare(`UPDATE tickets SET status = 'served', completed_at = ? WHERE ticket_id = ?`),
      setNoShow: db.prepare(`UPDATE tickets SET status = 'no-show', completed_at = ? WHERE ticket_id = ?`),
      setTransferred: db.prepare(
        `UPDATE tickets SET status = 'transferred', completed_at = ?, transferred_to = ? WHERE ticket_id = ?`,
      ),
      forgetCitizens: db.prepare(
        `UPDATE tickets SET citizen_ref = NULL WHERE issued_at < ? AND citizen_ref IS NOT NULL`,
      ),
      insertBlock: db.prepare(
        `INSERT INTO ticket_blocks (block_id, hall_id, category_code, service_date, terminal_id, first_seq, last_seq,
           created_at, expires_at)
         VALUES (@blockId, @hallId, @category, @serviceDate, @terminalId, @firstSeq, @lastSeq, @createdAt, @expiresAt)`,
      ),
      blockById: db.prepare<[string], BlockRow>('SELECT * FROM ticket_blocks WHERE block_id = ?'),
      leasedByTerminal: db.prepare<[string, string, string, string], { n: number }>(
        `SELECT coalesce(sum(last_seq - first_seq + 1), 0) AS n FROM ticket_blocks
         WHERE hall_id = ? AND category_code = ? AND service_date = ? AND terminal_id = ?`,
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

  private readonly placeCache = new Map<string, { names: PlaceNames; until: number }>();

  /**
   * The names of a hall and one of its categories, or why there are none. Found names are kept
   * for PLACE_CACHE_MS: every ticket issue asks twice (the route's check, the ticket's text), and
   * halls and categories only change by seeding. What is not found is asked again every time.
   */
  private placeNames(hallId: string, category: string): PlaceNames | 'unknown-hall' | 'unknown-category' {
    const key = `${hallId}\u0000${category}`;
    const now = this.clock.now();
    const cached = this.placeCache.get(key);
    if (cached && cached.until > now) return cached.names;
    const row = this.stmts.place.get({ hallId, category });
    if (!row) return 'unknown-hall';
    if (row.category_name_zh === null || row.category_name_en === null) return 'unknown-category';
    const names = {
      hall: row.hall_name_zh,
      category: { zh: row.category_name_zh, en: row.category_name_en },
    };
    if (this.placeCache.size >= PLACE_CACHE_ENTRIES) this.placeCache.clear();
    this.placeCache.set(key, { names, until: now + PLACE_CACHE_MS });
    return names;
  }

  /** Whether a hall exists and has a category, in one lookup. */
  place(hallId: string, category: string): 'ok' | 'unknown-hall' | 'unknown-category' {
    const found = this.placeNames(hallId, category);
    return typeof found === 'string' ? found : 'ok';
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

  /** Windows that called a ticket of the category recently; at least one is assumed to be open. */
  activeWindows(hallId: string, category: string): number {
    const since = this.clock.now() - ACTIVE_WINDOW_LOOKBACK_MS;
    return Math.max(1, this.stmts.activeWindows.get(hallId, category, since)?.n ?? 0);
  }

  private readonly perPersonCache = new Map<string, { minutes: number; until: number }>();

  /**
   * Minutes the queue of a category moves per person: the time one person takes at a window,
   * shared among the windows serving it. Cached per category for WAIT_ESTIMATE_CACHE_MS (two
   * aggregate queries would otherwise run on every ticket issued); ticket state changes drop it.
   */
  private perPersonMinutes(hallId: string, category: string): number {
    const key = `${hallId}\u0000${category}`;
    const now = this.clock.now();
    const cached = this.perPersonCache.get(key);
    if (cached && cached.until > now) return cached.minutes;
    const minutes = this.minutesPerPerson(hallId, category) / this.activeWindows(hallId, category);
    this.perPersonCache.set(key, { minutes, until: now + WAIT_ESTIMATE_CACHE_MS });
    return minutes;
  }

  /** Minutes until a citizen with `waitingAhead` people before them is likely called. */
  estimateWaitMinutes(hallId: string, category: string, waitingAhead: number): number {
    if (waitingAhead === 0) return 0;
    return Math.ceil(waitingAhead * this.perPersonMinutes(hallId, category));
  }

  private nextSeq(hallId: string, category: string, serviceDate: string): number {
    let seq = (this.stmts.lastSeq.get(hallId, category, serviceDate)?.seq ?? 0) + 1;
    for (;;) {
      const block = this.stmts.blockAt.get(hallId, category, serviceDate, seq);
      if (!block) return seq;
      seq = block.last_seq + 1;
    }
  }

  /**
   * Issues the next number of the day in the request's category, or reports why not. Call inside
   * a write transaction so the number, the active-ticket check and the caller's idempotency record
   * are one atomic step.
   */
  issue(req: IssueTicketRequest, serviceDate: string, now: number, extras: IssueExtras = {}): IssueOutcome {
    const active = this.stmts.activeTicket.get(req.hallId, req.category, serviceDate, req.citizenRef);
    if (active) return { kind: 'active-ticket-exists', ticket: this.liveTicket(active) };

    const seq = this.nextSeq(req.hallId, req.category, serviceDate);
    if (seq > MAX_DAILY_NUMBER) return { kind: 'daily-numbers-exhausted' };

    const counts = this.stmts.waitingCounts.get(req.hallId, req.category, serviceDate) ?? {
      total: 0,
      priority: 0,
    };
    // Priority tickets (green channel, appointment) are served before every normal one, and in
    // issue order among themselves. A new ticket is the latest issued, so it is last of its rank.
    const waitingAhead = req.priority !== 'normal' ? counts.priority : counts.total;
    const names = this.placeNames(req.hallId, req.category);
    if (typeof names === 'string') throw new Error(`${names}: ${req.hallId} ${req.category}`);
    const ticketId = randomUUID();
    const number = formatNumber(req.category, seq);
    const priorityReason = extras.priorityReason ?? null;
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
      priorityReason,
      blockId: null,
    });
    // Built from what was just written rather than read back: issue is the hot path.
    return {
      kind: 'issued',
      ticket: {
        ticketId,
        number,
        hallId: req.hallId,
        hallName: names.hall,
        category: req.category,
        categoryName: names.category,
        priority: req.priority,
        ...(priorityReason ? { priorityReason } : {}),
        waitingAhead,
        estimatedWaitMinutes: this.estimateWaitMinutes(req.hallId, req.category, waitingAhead),
        issuedAt: new Date(now).toISOString(),
        status: 'waiting',
        terminalId: req.terminalId,
      },
    };
  }

  ticket(ticketId: string): Ticket | undefined {
    const row = this.stmts.byId.get(ticketId);
    return row && this.liveTicket(row);
  }

  /** The hall of a ticket (it never changes, a transfer stays in the hall), for the hall check. */
  ticketHall(ticketId: string): string | undefined {
    return this.stmts.byId.get(ticketId)?.hall_id;
  }

  /** The hall of a number block, for the hall check before reconciling a ticket from it. */
  blockHall(blockId: string): string | undefined {
    return this.stmts.blockById.get(blockId)?.hall_id;
  }

  /** The day's tickets of a hall, with each waiting ticket's current place in its queue. */
  ticketsOfDay(hallId: string, serviceDate: string): Ticket[] {
    const rows = this.stmts.byDay.all(hallId, serviceDate);
    const places = new Map<string, number>();
    for (const category of new Set(rows.filter((r) => r.status === 'waiting').map((r) => r.category_code))) {
      this.queueOrder(hallId, category, serviceDate).forEach((id, i) => places.set(id, i));
    }
    return rows.map((row) => {
      const ahead = places.get(row.ticket_id) ?? 0;
      return toTicket(row, ahead, this.estimateWaitMinutes(hallId, row.category_code, ahead));
    });
  }

  call(ticketId: string, now: number, windowId?: string): TransitionOutcome {
    return this.transition(ticketId, ['waiting'], () =>
      this.stmts.setCalled.run(now, now, windowId ?? null, ticketId),
    );
  }

  /** Announces a called ticket again (重呼); it stays called. */
  recall(ticketId: string, now: number, windowId?: string): TransitionOutcome {
    return this.transition(ticketId, ['called'], () =>
      this.stmts.setRecalled.run(now, windowId ?? null, ticketId),
    );
  }

  complete(ticketId: string, now: number): TransitionOutcome {
    return this.transition(ticketId, ['called'], () => this.stmts.setServed.run(now, ticketId));
  }

  /** A called citizen did not come (过号): the number is void and the citizen may take a new one. */
  noShow(ticketId: string, now: number): TransitionOutcome {
    return this.transition(ticketId, ['called'], () => this.stmts.setNoShow.run(now, ticketId));
  }

  /**
   * Calls the head of the queue over one or more categories of a hall: priority first, then by
   * issue time. Undefined when nobody is waiting.
   */
  callNext(hallId: string, categories: readonly string[], now: number, windowId: string): Ticket | undefined {
    return this.db
      .transaction((): Ticket | undefined => {
        const head = this.stmts.headOfCategories.get(
          hallId,
          hallDate(now),
          JSON.stringify([...new Set(categories)]),
        );
        if (!head) return undefined;
        this.stmts.setCalled.run(now, now, windowId, head.ticket_id);
        this.perPersonCache.clear();
        return this.liveTicket(this.stmts.byId.get(head.ticket_id)!);
      })
      .immediate();
  }

  /**
   * Moves a waiting or called citizen to another category of the same hall (转办). The old ticket
   * ends as transferred; the new one gets the next number of the target category and keeps the
   * original issue time and priority, so the citizen does not start again at the back.
   */
  transfer(ticketId: string, toCategory: string, now: number): TransferOutcome {
    return this.db
      .transaction((): TransferOutcome => {
        const row = this.stmts.byId.get(ticketId);
        if (!row) return { kind: 'unknown-ticket' };
        if ((row.status !== 'waiting' && row.status !== 'called') || row.service_date !== hallDate(now)) {
          return { kind: 'invalid-state', status: row.status };
        }
        if (row.category_code === toCategory) return { kind: 'same-category' };
        if (!this.hasCategory(row.hall_id, toCategory)) return { kind: 'unknown-category' };
        if (row.citizen_ref) {
          const active = this.stmts.activeTicket.get(
            row.hall_id,
            toCategory,
            row.service_date,
            row.citizen_ref,
          );
          if (active) return { kind: 'active-ticket-exists', ticket: this.liveTicket(active) };
        }
        const seq = this.nextSeq(row.hall_id, toCategory, row.service_date);
        if (seq > MAX_DAILY_NUMBER) return { kind: 'daily-numbers-exhausted' };
        const newId = randomUUID();
        // The old ticket leaves the active set first, so the one-active-ticket index never sees two.
        this.stmts.setTransferred.run(now, newId, ticketId);
        this.perPersonCache.clear();
        this.stmts.insert.run({
          ticketId: newId,
          hallId: row.hall_id,
          category: toCategory,
          serviceDate: row.service_date,
          seq,
          number: formatNumber(toCategory, seq),
          priority: row.priority,
          citizenRef: row.citizen_ref,
          terminalId: row.terminal_id,
          kioskSequence: row.kiosk_sequence,
          requestedAt: row.requested_at,
          issuedAt: row.issued_at,
          priorityReason: row.priority_reason,
          blockId: null,
        });
        return { kind: 'ok', ticket: this.liveTicket(this.stmts.byId.get(newId)!) };
      })
      .immediate();
  }

  /**
   * Leases `size` consecutive numbers of today's sequence to a kiosk for issuing while offline,
   * taken from the top of the day's range. The central counter skips them should it ever get
   * there, so central numbering never collides with the kiosk's.
   */
  leaseBlock(
    req: { hallId: string; category: string; terminalId: string; size: number },
    now: number,
  ): LeaseOutcome {
    const serviceDate = hallDate(now);
    const leased =
      this.stmts.leasedByTerminal.get(req.hallId, req.category, serviceDate, req.terminalId)?.n ?? 0;
    if (leased + req.size > MAX_LEASED_NUMBERS_PER_TERMINAL_DAY) return { kind: 'lease-limit-reached' };
    // From the top down, below every block leased today, so the everyday sequence (A001, A002...)
    // has no holes and an offline number (A990s) is recognisable at the window.
    const top =
      this.stmts.lowestBlock.get(req.hallId, req.category, serviceDate)?.first ?? MAX_DAILY_NUMBER + 1;
    const lastSeq = top - 1;
    const firstSeq = top - req.size;
    if (firstSeq < this.nextSeq(req.hallId, req.category, serviceDate))
      return { kind: 'daily-numbers-exhausted' };
    const blockId = randomUUID();
    const expiresAt = hallDayEnd(serviceDate);
    this.stmts.insertBlock.run({
      blockId,
      hallId: req.hallId,
      category: req.category,
      serviceDate,
      terminalId: req.terminalId,
      firstSeq,
      lastSeq,
      createdAt: now,
      expiresAt,
    });
    const numbers: string[] = [];
    for (let seq = firstSeq; seq <= lastSeq; seq++) numbers.push(formatNumber(req.category, seq));
    return {
      kind: 'leased',
      block: {
        blockId,
        hallId: req.hallId,
        category: req.category,
        serviceDate,
        terminalId: req.terminalId,
        numbers,
        expiresAt: new Date(expiresAt).toISOString(),
      },
    };
  }

  /**
   * Puts a ticket a kiosk issued offline from its block into the waiting queue, in issue-time
   * order. Call inside a write transaction.
   */
  reconcileOffline(req: OfflineTicketRequest, now: number): ReconcileOutcome {
    const block = this.stmts.blockById.get(req.blockId);
    if (!block) return { kind: 'unknown-block' };
    if (block.terminal_id !== req.terminalId) return { kind: 'block-not-yours' };
    const seq = Number(req.number.slice(1));
    if (req.number[0] !== block.category_code || seq < block.first_seq || seq > block.last_seq) {
      return { kind: 'number-not-in-block' };
    }
    if (hallDate(now) !== block.service_date) return { kind: 'block-expired' };
    const issuedAtMs = Date.parse(req.issuedAt);
    if (hallDate(issuedAtMs) !== block.service_date) return { kind: 'outside-service-day' };

    const existing = this.stmts.byNumber.get(block.hall_id, block.category_code, block.service_date, seq);
    if (existing) return { kind: 'number-already-reconciled', ticket: this.liveTicket(existing) };
    const active = this.stmts.activeTicket.get(
      block.hall_id,
      block.category_code,
      block.service_date,
      req.citizenRef,
    );
    if (active) return { kind: 'active-ticket-exists', ticket: this.liveTicket(active) };

    // A kiosk clock may drift: the slip cannot predate its block's lease nor lie in the future.
    const issuedAt = Math.min(now, Math.max(block.created_at, issuedAtMs));
    const ticketId = randomUUID();
    this.stmts.insert.run({
      ticketId,
      hallId: block.hall_id,
      category: block.category_code,
      serviceDate: block.service_date,
      seq,
      number: req.number,
      priority: req.priority,
      citizenRef: req.citizenRef,
      terminalId: req.terminalId,
      kioskSequence: 0,
      requestedAt: req.issuedAt,
      issuedAt,
      priorityReason: req.priority === 'green-channel' ? (req.greenChannelReason ?? null) : null,
      blockId: block.block_id,
    });
    return { kind: 'reconciled', ticket: this.liveTicket(this.stmts.byId.get(ticketId)!) };
  }

  /** Drops citizen references from tickets issued before `before`: they only serve the day's queue. */
  forgetCitizenRefs(before: number): number {
    return this.stmts.forgetCitizens.run(before).changes;
  }

  private transition(ticketId: string, from: readonly TicketStatus[], apply: () => void): TransitionOutcome {
    return this.db
      .transaction((): TransitionOutcome => {
        const row = this.stmts.byId.get(ticketId);
        if (!row) return { kind: 'unknown-ticket' };
        if (!from.includes(row.status)) return { kind: 'invalid-state', status: row.status };
        apply();
        // Calls and services are what the wait estimate learns from.
        this.perPersonCache.clear();
        return { kind: 'ok', ticket: this.liveTicket(this.stmts.byId.get(ticketId)!) };
      })
      .immediate();
  }

  private queueOrder(hallId: string, category: string, serviceDate: string): string[] {
    return this.stmts.waitingInCategory.all(hallId, category, serviceDate).map((r) => r.ticket_id);
  }

  private liveTicket(row: TicketRow): Ticket {
    const ahead =
      row.status === 'waiting'
        ? Math.max(
            0,
            this.queueOrder(row.hall_id, row.category_code, row.service_date).indexOf(row.ticket_id),
          )
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
    ...(row.priority_reason ? { priorityReason: row.priority_reason } : {}),
    waitingAhead,
    estimatedWaitMinutes,
    issuedAt: new Date(row.issued_at).toISOString(),
    status: row.status,
    terminalId: row.terminal_id,
    ...(row.window_id ? { windowId: row.window_id } : {}),
  };
}
