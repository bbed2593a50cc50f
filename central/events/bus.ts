import type { Clock } from '../../domain/clock';
import type { CentralDatabase } from '../db/database';
import { FLEET_EVENT_PREFIX, type LiveEvent, type LiveEventType } from './contract';

/** Events are kept this long for resuming streams; a kiosk away longer gets `stream.reset`. */
export const LIVE_EVENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** Fleet events are kept this long (the fleet page never resumes; it is sent the fleet anew). */
export const FLEET_EVENT_RETENTION_MS = 10 * 60 * 1000;
/** Most events replayed on one resume; beyond this the client is told to reload instead. */
export const MAX_REPLAY = 5_000;

/** Who receives an event: null hall/terminal means every hall/terminal. */
export interface Audience {
  hallId?: string | null;
  terminalId?: string | null;
}

export type PublishInput = Audience & {
  type: Exclude<LiveEventType, 'stream.reset'>;
  data: Record<string, unknown>;
};

interface Stream {
  /** Highest sequence number this subscriber has been sent. */
  lastSent: number;
  deliver(event: LiveEvent): void;
}

/** A kiosk's stream: its hall's events and broadcasts, never the fleet's. */
export interface KioskSubscriber extends Stream {
  hallId: string;
  terminalId: string;
}

/** A fleet page's stream (staff): the fleet events of the halls the staff member reaches. */
export interface FleetSubscriber extends Stream {
  fleetReaches(hallId: string | null): boolean;
}

export type Subscriber = KioskSubscriber | FleetSubscriber;

interface EventRow {
  seq: number;
  type: string;
  hall_id: string | null;
  terminal_id: string | null;
  data: string;
  created_at: number;
}

function toEvent(row: EventRow): LiveEvent {
  return {
    seq: row.seq,
    type: row.type,
    at: new Date(row.created_at).toISOString(),
    data: JSON.parse(row.data),
  } as LiveEvent;
}

function matches(row: EventRow, sub: Subscriber): boolean {
  const fleetEvent = row.type.startsWith(FLEET_EVENT_PREFIX);
  if ('fleetReaches' in sub) return fleetEvent && sub.fleetReaches(row.hall_id);
  return (
    !fleetEvent &&
    (row.hall_id === null || row.hall_id === sub.hallId) &&
    (row.terminal_id === null || row.terminal_id === sub.terminalId)
  );
}

/**
 * The live event bus. `publish` writes the event in the caller's transaction, so an event exists
 * exactly when the change it reports was committed; delivery to the connected streams happens
 * after the current synchronous work (better-sqlite3 transactions are synchronous, so that is
 * after the commit) by reading the new rows once and fanning them out in memory.
 *
 * Other slices publish through `ctx.events.publish({ type: 'ticket.called', hallId, data })`.
 */
export class EventBus {
  private readonly stmts;
  private readonly subscribers = new Set<Subscriber>();
  private lastDispatched: number;
  private flushScheduled = false;

  constructor(
    private readonly db: CentralDatabase,
    private readonly clock: Clock,
  ) {
    this.stmts = {
      insert: db.prepare<[string, string | null, string | null, string, number]>(
        'INSERT INTO live_events (type, hall_id, terminal_id, data, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      after: db.prepare<[number, number], EventRow>(
        'SELECT seq, type, hall_id, terminal_id, data, created_at FROM live_events WHERE seq > ? ORDER BY seq LIMIT ?',
      ),
      // The newest event stays whatever its type, so that sequence numbers keep growing.
      purgeFleet: db.prepare<[number]>(
        `DELETE FROM live_events WHERE type LIKE '${FLEET_EVENT_PREFIX}%' AND created_at < ?
           AND seq < (SELECT max(seq) FROM live_events)`,
      ),
      latest: db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM live_events'),
      oldest: db.prepare<[], { seq: number | null }>('SELECT min(seq) AS seq FROM live_events'),
      // Events are stored in time order, so the expired ones are a prefix of the sequence; the
      // newest event always stays so that sequence numbers keep growing. Hourly, so no index.
      purge: db.prepare<[number]>(
        `DELETE FROM live_events WHERE seq < (SELECT max(seq) FROM live_events)
           AND seq <= (SELECT max(seq) FROM live_events WHERE created_at < ?)`,
      ),
    };
    this.lastDispatched = this.latestSeq();
  }

  /** Records an event; call inside the transaction of the change it reports. Returns its sequence number. */
  publish(input: PublishInput): number {
    const result = this.stmts.insert.run(
      input.type,
      input.hallId ?? null,
      input.terminalId ?? null,
      JSON.stringify(input.data),
      this.clock.now(),
    );
    this.scheduleFlush();
    return Number(result.lastInsertRowid);
  }

  latestSeq(): number {
    return this.stmts.latest.get()?.seq ?? 0;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /**
   * Registers a stream and replays what it missed after `lastEventId`. Returns the events to send
   * first (or a reset when the gap cannot be replayed) and the unsubscribe function.
   */
  subscribe(
    sub: Subscriber,
    lastEventId: number | undefined,
  ): { replay: LiveEvent[]; unsubscribe: () => void } {
    const latest = this.latestSeq();
    const replay: LiveEvent[] = [];
    if (lastEventId === undefined) {
      sub.lastSent = latest;
    } else {
      const oldest = this.stmts.oldest.get()?.seq ?? latest + 1;
      const missed = latest - lastEventId;
      const purged = lastEventId + 1 < oldest && latest > lastEventId;
      if (lastEventId > latest || purged || missed > MAX_REPLAY) {
        replay.push(this.reset(latest, lastEventId > latest ? 'unknown-event-id' : 'events-expired'));
        sub.lastSent = latest;
      } else {
        sub.lastSent = lastEventId;
        for (const row of this.stmts.after.all(lastEventId, MAX_REPLAY)) {
          if (matches(row, sub)) replay.push(toEvent(row));
          sub.lastSent = row.seq;
        }
      }
    }
    // With no stream connected, flushes are skipped; the first stream has just read up to `latest`.
    if (this.subscribers.size === 0) this.lastDispatched = Math.max(this.lastDispatched, latest);
    this.subscribers.add(sub);
    return { replay, unsubscribe: () => this.subscribers.delete(sub) };
  }

  /** Sends every committed event not yet dispatched to the streams it is for. */
  flush(): void {
    this.flushScheduled = false;
    if (this.subscribers.size === 0) return;
    for (;;) {
      const rows = this.stmts.after.all(this.lastDispatched, 1_000);
      if (rows.length === 0) return;
      for (const row of rows) {
        this.lastDispatched = row.seq;
        let event: LiveEvent | undefined;
        for (const sub of this.subscribers) {
          if (row.seq <= sub.lastSent || !matches(row, sub)) continue;
          event ??= toEvent(row);
          sub.lastSent = row.seq;
          sub.deliver(event);
        }
      }
    }
  }

  /** Deletes events older than the retention period, and fleet events older than theirs. */
  purgeExpired(): number {
    return this.stmts.purge.run(this.clock.now() - LIVE_EVENT_RETENTION_MS).changes + this.purgeFleetEvents();
  }

  /**
   * Fleet events (one per kiosk heartbeat) are for the pages open now: a page that reconnects
   * is sent the whole fleet again, never a replay. Kept a short while, not a week.
   */
  purgeFleetEvents(): number {
    return this.stmts.purgeFleet.run(this.clock.now() - FLEET_EVENT_RETENTION_MS).changes;
  }

  private reset(latest: number, reason: string): LiveEvent {
    return {
      seq: latest,
      type: 'stream.reset',
      at: new Date(this.clock.now()).toISOString(),
      data: { reason, latestSeq: latest },
    };
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A microtask runs after the synchronous transaction that published has committed (or rolled
    // back, in which case the row is gone and nothing is sent).
    queueMicrotask(() => {
      try {
        this.flush();
      } catch {
        // The database is closing; the streams are being ended as well.
        this.flushScheduled = false;
      }
    });
  }
}
