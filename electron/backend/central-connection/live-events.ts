import { EventSource } from 'eventsource';
import type { z } from 'zod';
import { liveEventSchema, liveEventTypes } from '../../../central/contract';
import type { KioskLogger } from '../logging/logger';
import type { CentralConnection } from './connection';

export type LiveEvent = z.infer<typeof liveEventSchema>;

/** The status a stream is refused with when its token is no longer the terminal's. */
const UNAUTHORIZED = 401;

/**
 * The central's live event stream for this kiosk. Events only poke: on each one, and whenever the
 * stream (re)opens, the kiosk pulls what changed. The `eventsource` package reconnects by itself and
 * resumes with Last-Event-ID, so nothing between two connections is missed.
 *
 * Each connection carries the connection's token of that moment. A refused token ends the stream
 * (the package does not retry a 401), so the refusal asks the connection to renew; a new token,
 * found by this stream or by any other caller, reopens the stream with it at once, resuming from
 * the last event seen.
 */
export class CentralEvents {
  private source: EventSource | undefined;
  private connected = false;
  private lastEventId = '';
  private stopWatchingToken: (() => void) | undefined;

  constructor(
    private readonly deps: {
      connection: CentralConnection;
      terminalId: string;
      hallId: string;
      logger: KioskLogger;
      onEvent: (event: LiveEvent) => void;
      /** The stream is (again) open: events may have been missed while it was not. */
      onOpen: () => void;
    },
  ) {}

  start(): void {
    this.stopWatchingToken ??= this.deps.connection.onTokenChange(() => {
      if (this.source) this.open();
    });
    this.open();
  }

  private open(): void {
    const { connection, terminalId, hallId, logger } = this.deps;
    this.source?.close();
    this.connected = false;
    const url = connection.url(`/v1/kiosks/${encodeURIComponent(terminalId)}/events`);
    url.searchParams.set('hallId', hallId);
    let sentWith = connection.token;
    const source = new EventSource(url, {
      fetch: (input, init) => {
        sentWith = connection.token;
        const headers: Record<string, string> = { ...init.headers, ...connection.authorization() };
        // A stream reopened for a new token resumes where the last one stopped.
        if (this.lastEventId !== '' && headers['Last-Event-ID'] === undefined) {
          headers['Last-Event-ID'] = this.lastEventId;
        }
        return connection.streamFetch(input, { ...init, headers });
      },
    });
    source.onopen = () => {
      this.connected = true;
      logger.info('central.events-open', {});
      this.deps.onOpen();
    };
    source.onerror = (err) => {
      if (this.connected) logger.warn('central.events-lost', { detail: err.message ?? 'stream error' });
      this.connected = false;
      if (err.code !== UNAUTHORIZED) return;
      // A token renewed by another caller since this one was sent came with its own reopening;
      // reopen here only if this stream is still the current one.
      void connection.renew(sentWith).then((token) => {
        if (token !== undefined && this.source === source) this.open();
      });
    };
    for (const type of liveEventTypes) {
      source.addEventListener(type, (message) => {
        if (message.lastEventId) this.lastEventId = message.lastEventId;
        let parsed;
        try {
          parsed = liveEventSchema.safeParse(JSON.parse(message.data));
        } catch {
          parsed = undefined;
        }
        if (!parsed?.success) {
          logger.warn('central.events-malformed', { type });
          return;
        }
        this.deps.onEvent(parsed.data);
      });
    }
    this.source = source;
  }

  stop(): void {
    this.stopWatchingToken?.();
    this.stopWatchingToken = undefined;
    this.source?.close();
    this.source = undefined;
  }
}
