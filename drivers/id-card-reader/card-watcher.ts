import type { Clock, TimerHandle } from '../../domain/clock';
import type { SdtResult } from './sdt-reader';
import type { CardIdentity, CardRead, CardReadError, CardReadResult } from './types';

/** Feels immediate to a citizen placing a card, yet leaves the reader idle most of the time. */
export const DEFAULT_CARD_POLL_INTERVAL_MS = 500;

/**
 * Failed polls in a row after which the reader is called faulty (and staff are told). One or two
 * failures are a card laid askew or lifted mid-read, and the citizen fixes them by placing it again;
 * five in a row (2.5 s at the default interval, longer than anyone takes to re-place a card) is a
 * reader that cannot read, whatever lies on it.
 */
export const FAULTY_AFTER_FAILED_READS = 5;

/**
 * Failures that are the card's, not the reader's: it answered properly about a card the kiosk cannot
 * accept (a number failing its check character, an unknown kind of card). They do not make the
 * reader faulty, though they still drop the card last reported.
 */
const CARD_FAULTS: ReadonlySet<CardReadError> = new Set(['invalid-id-number', 'unknown-card-type']);

export interface CardWatcherEvents {
  /** A card was read that is not the one last reported (or none was): a new placement. */
  card: (card: CardRead) => void;
  removed: () => void;
  /**
   * A poll or a confirmation failed. The card last reported can no longer be vouched for: whatever
   * lies on the reader is read afresh (and reported as 'card') once the reader answers again.
   */
  error: (e: { error: CardReadError; detail: string }) => void;
  /** A poll answered normally after an error was reported (e.g. the reader is back after a replug). */
  recovered: () => void;
  /** FAULTY_AFTER_FAILED_READS polls failed in a row; 'recovered' follows the next good answer. */
  faulty: (e: { error: CardReadError; detail: string; failures: number }) => void;
}

/** What the watcher needs of a reader (SdtCardReader fits). */
export interface PollableCardReader {
  findCard(): Promise<SdtResult>;
  readCard(): Promise<CardReadResult>;
}

export interface CardWatcherOptions {
  clock: Clock;
  pollIntervalMs?: number;
  faultyAfter?: number;
}

/**
 * What tells two cards apart: the number and the kind of card. Two cards with the same number are
 * the same person's (a renewed card), so a session may carry on across them.
 */
export function cardKey(identity: Pick<CardIdentity, 'cardType' | 'idNumber'>): string {
  return `${identity.cardType}:${identity.idNumber}`;
}

/**
 * Turns polling into placement events. While no card is vouched for, each poll runs a full read;
 * after a successful read only "find card" runs, and its failure means the card was taken away.
 * Errors are reported when they change, not on every poll.
 *
 * "Find card" cannot tell one card from another, so a swap faster than one poll interval is not
 * seen by polling: `confirm()` re-reads the card's identity, for callers about to act for the card
 * last reported. Any failure (silence, unplug, checksum, a bad status) drops the card last
 * reported, so the next good read reports whatever lies on the reader as a new 'card'.
 */
export class CardWatcher {
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly faultyAfter: number;
  private readonly listeners: { [E in keyof CardWatcherEvents]: Set<CardWatcherEvents[E]> } = {
    card: new Set(),
    removed: new Set(),
    error: new Set(),
    recovered: new Set(),
    faulty: new Set(),
  };
  private timer: TimerHandle | undefined;
  /** Bumped by start/stop so a poll that was in flight when stopped reports nothing. */
  private generation = 0;
  /** cardKey of the card last reported and still believed on the reader. */
  private present: string | undefined;
  private lastError: CardReadError | undefined;
  private failures = 0;

  constructor(
    private readonly reader: PollableCardReader,
    opts: CardWatcherOptions,
  ) {
    this.clock = opts.clock;
    this.intervalMs = opts.pollIntervalMs ?? DEFAULT_CARD_POLL_INTERVAL_MS;
    this.faultyAfter = opts.faultyAfter ?? FAULTY_AFTER_FAILED_READS;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Failed polls since the last good answer (the card's own faults not counted). */
  get consecutiveFailures(): number {
    return this.failures;
  }

  on<E extends keyof CardWatcherEvents>(event: E, listener: CardWatcherEvents[E]): () => void {
    this.listeners[event].add(listener);
    return () => {
      this.listeners[event].delete(listener);
    };
  }

  /** Starts polling; the first poll runs at once (on the clock). */
  start(): void {
    if (this.timer) return;
    const generation = ++this.generation;
    this.present = undefined;
    this.lastError = undefined;
    this.failures = 0;
    this.schedule(generation, 0);
  }

  stop(): void {
    this.generation++;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Reads the card on the reader now (queued behind a poll in flight) and reports what changed as
   * polling would: another card → 'card', none → 'removed', a failure → 'error'. The caller compares
   * the identity with the one it acts for.
   */
  async confirm(): Promise<CardReadResult> {
    const generation = this.generation;
    const result = await this.reader.readCard();
    if (generation === this.generation) this.onRead(result);
    return result;
  }

  private schedule(generation: number, delay: number): void {
    this.timer = this.clock.setTimeout(() => {
      void this.poll(generation).finally(() => {
        if (generation === this.generation) this.schedule(generation, this.intervalMs);
      });
    }, delay);
  }

  private async poll(generation: number): Promise<void> {
    if (this.present !== undefined) {
      const found = await this.reader.findCard();
      if (generation !== this.generation) return;
      if (found.ok) return this.succeeded();
      if (found.error === 'no-card') return this.onRead(found);
      return this.failed(found.error, found.detail);
    }
    const result = await this.reader.readCard();
    if (generation !== this.generation) return;
    this.onRead(result);
  }

  private onRead(result: CardReadResult): void {
    if (result.ok) {
      const key = cardKey(result.card.identity);
      const isNew = key !== this.present;
      this.present = key;
      this.succeeded();
      if (isNew) this.emit('card', result.card);
    } else if (result.error === 'no-card') {
      const had = this.present !== undefined;
      this.present = undefined;
      this.succeeded();
      if (had) this.emit('removed');
    } else {
      this.failed(result.error, result.detail);
    }
  }

  private succeeded(): void {
    this.failures = 0;
    if (this.lastError === undefined) return;
    this.lastError = undefined;
    this.emit('recovered');
  }

  private failed(error: CardReadError, detail: string): void {
    this.present = undefined;
    this.failures = CARD_FAULTS.has(error) ? 0 : this.failures + 1;
    if (error !== this.lastError) {
      this.lastError = error;
      this.emit('error', { error, detail });
    }
    if (this.failures === this.faultyAfter) this.emit('faulty', { error, detail, failures: this.failures });
  }

  private emit<E extends keyof CardWatcherEvents>(event: E, ...args: Parameters<CardWatcherEvents[E]>): void {
    for (const listener of [...this.listeners[event]]) {
      try {
        (listener as (...a: unknown[]) => void)(...args);
      } catch (err) {
        // A throwing listener is a bug in its owner; surface it without stopping the polling.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
