import { EventSource } from 'eventsource';
import type { z } from 'zod';
import { liveEventSchema, liveEventTypes } from '../../../central/contract';
import type { KioskLogger } from '../logging/logger';

export type LiveEvent = z.infer<typeof liveEventSchema>;

/**
 * The central's live event stream for this kiosk. Events only poke: on each one, and whenever the
 * stream (re)opens, the kiosk pulls what changed. The `eventsource` package reconnects by itself and
 * resumes with Last-Event-ID, so nothing between two connections is missed.
 */
export class CentralEvents {
  private source: EventSource | undefined;
  private connected = false;

  constructor(
    private readonly deps: {
      baseUrl: string;
      deviceToken: string;
      terminalId: string;
      hallId: string;
      logger: KioskLogger;
      fetch?: typeof fetch;
      onEvent: (event: LiveEvent) => void;
      /** The stream is (again) open: events may have been missed while it was not. */
      onOpen: () => void;
    },
  ) {}

  start(): void {
    const { baseUrl, deviceToken, terminalId, hallId, logger } = this.deps;
    const url = new URL(`/v1/kiosks/${encodeURIComponent(terminalId)}/events`, baseUrl);
    url.searchParams.set('hallId', hallId);
    const fetchImpl = this.deps.fetch ?? fetch;
    const source = new EventSource(url, {
      fetch: (input, init) =>
        fetchImpl(input, { ...init, headers: { ...init?.headers, authorization: `Bearer ${deviceToken}` } }),
    });
    source.onopen = () => {
      this.connected = true;
      logger.info('central.events-open', {});
      this.deps.onOpen();
    };
    source.onerror = (err) => {
      if (this.connected) logger.warn('central.events-lost', { detail: err.message ?? 'stream error' });
      this.connected = false;
    };
    for (const type of liveEventTypes) {
      source.addEventListener(type, (message) => {
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
    this.source?.close();
    this.source = undefined;
  }
}
