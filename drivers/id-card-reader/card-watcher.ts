import type { Clock, TimerHandle } from '../clock';
import type { SdtResult } from './sdt-reader';
import type { CardRead, CardReadError, CardReadResult } from './types';

/** Feels immediate to a citizen placing a card, yet leaves the reader idle most of the time. */
export const DEFAULT_CARD_POLL_INTERVAL_MS = 500;

export interface CardWatcherEvents {
  card: (card: CardRead) => void;
  removed: () => void;
  error: (e: { error: CardReadError; detail: string }) => void;
  /** A poll answered normally after an error was reported (e.g. the reader is back after a replug). */
  recovered: () => void;
}

/** What the watcher needs of a reader (SdtCardReader fits). */
export interface PollableCardReader {
  findCard(): Promise<SdtResult>;
  readCard(): Promise<CardReadResult>;
}

export interface CardWatcherOptions {
  clock: Clock;
  pollIntervalMs?: number;
}

/**
 * Turns polling into placement events. A card is read once per placement: while no card has been
 * read, each poll runs a full read; after a successful read only "find card" runs, and its failure
 * means the card was taken away. Errors are reported when they change, not on every poll.
 * A swap of cards faster than one poll interval goes unnoticed.
 */
export class CardWatcher {
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly listeners: { [E in keyof CardWatcherEvents]: Set<CardWatcherEvents[E]> } = {
    card: new Set(),
    removed: new Set(),
    error: new Set(),
    recovered: new Set(),
  };
  private timer: TimerHandle | undefined;
  /** Bumped by start/stop so a poll that was in flight when stopped reports nothing. */
  private generation = 0;
  private cardRead = false;
  private lastError: CardReadError | undefined;

  constructor(
    private readonly reader: PollableCardReader,
    opts: CardWatcherOptions,
  ) {
    this.clock = opts.clock;
    this.intervalMs = opts.pollIntervalMs ?? DEFAULT_CARD_POLL_INTERVAL_MS;
  }

  get running(): boolean {
    return this.timer !== undefined;
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
    this.cardRead = false;
    this.lastError = undefined;
    this.schedule(generation, 0);
  }

  stop(): void {
    this.generation++;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(generation: number, delay: number): void {
    this.timer = this.clock.setTimeout(() => {
      void this.poll(generation).finally(() => {
        if (generation === this.generation) this.schedule(generation, this.intervalMs);
      });
    }, delay);
  }

  private async poll(generation: number): Promise<void> {
    if (this.cardRead) {
      const found = await this.reader.findCard();
      if (generation !== this.generation) return;
      if (found.ok) return this.clearError();
      if (found.error === 'no-card') {
        this.cardRead = false;
        this.clearError();
        this.emit('removed');
      } else {
        this.reportError(found.error, found.detail);
      }
      return;
    }
    const result = await this.reader.readCard();
    if (generation !== this.generation) return;
    if (result.ok) {
      this.cardRead = true;
      this.clearError();
      this.emit('card', result.card);
    } else if (result.error === 'no-card') {
      this.clearError();
    } else {
      this.reportError(result.error, result.detail);
    }
  }

  private clearError(): void {
    if (this.lastError === undefined) return;
    this.lastError = undefined;
    this.emit('recovered');
  }

  private reportError(error: CardReadError, detail: string): void {
    if (error === this.lastError) return;
    this.lastError = error;
    this.emit('error', { error, detail });
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
