import type { KioskDatabase } from './database';

interface Waiting {
  work: () => unknown;
  durable: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes asked for in the same turn of the event loop share one transaction, so
 * one fsync (the store runs `synchronous=FULL`) makes all of them durable instead of one each.
 * Concurrent deliveries settle within microseconds of each other; committing them one by one
 * made the fsyncs, not the network, the cost of draining a long queue.
 *
 * Each write runs in its own savepoint (better-sqlite3 nests a transaction as a SAVEPOINT), so one
 * that throws is rolled back alone and only its caller sees the error. A failed COMMIT (disk full,
 * read-only) fails every write of the group: none of them is durable, and each caller is told.
 * A promise resolves only after the COMMIT returned, so "durable" still comes before "done".
 *
 * Written here rather than taken from a package: it is twenty lines on top of better-sqlite3's
 * own nested transactions, and the libraries that batch writes do so for async drivers.
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly db: KioskDatabase,
    /** When the group is flushed; the next macrotask by default, after pending I/O callbacks. */
    private readonly defer: (flush: () => void) => void = (flush) => setImmediate(flush),
  ) {}

  /**
   * Runs `work` in the next group's transaction; resolves with its result once committed.
   * `durable: false` is for writes a crash may lose without harm (a delivery's lease: at start every
   * in-flight item goes back to pending anyway). A group of only such writes commits without the
   * fsync; the next durable commit writes them to disk with its own.
   */
  run<T>(work: () => T, options: { durable?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        work,
        durable: options.durable ?? true,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (!this.scheduled) {
        this.scheduled = true;
        this.defer(() => this.flush());
      }
    });
  }

  /** Writes waiting for the next commit (for tests and diagnostics). */
  get size(): number {
    return this.waiting.length;
  }

  /** Commits everything waiting now, in the order it was asked for. */
  flush(): void {
    this.scheduled = false;
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const lazy = group.every((w) => !w.durable);
    try {
      // The store runs synchronous=FULL; NORMAL for this one commit only (in WAL mode: no fsync).
      if (lazy) this.db.pragma('synchronous = NORMAL');
      this.db.transaction(() => {
        for (const w of group) {
          try {
            outcomes.push({ ok: true, value: this.db.transaction(w.work)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      for (const w of group) w.reject(error);
      return;
    } finally {
      if (lazy) this.db.pragma('synchronous = FULL');
    }
    group.forEach((w, i) => {
      const o = outcomes[i]!;
      if (o.ok) w.resolve(o.value);
      else w.reject(o.error);
    });
  }
}
