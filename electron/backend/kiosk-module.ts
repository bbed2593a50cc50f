import type { FastifyInstance } from 'fastify';
import type { LiveEvent } from './central-connection/live-events';
import type { OutboxKind } from './store/outbox-kind';

/**
 * A feature slice as the composition root sees it. `kiosk.ts` builds each slice's module from the
 * shared parts (store, outbox, devices, session, the central connection) and only wires these
 * hooks; what the feature does lives in the slice.
 */
export interface KioskModule {
  readonly name: string;
  /** The slice's /api routes, registered from its endpoint table. */
  routes?(app: FastifyInstance): void;
  /** The queued actions the slice delivers. */
  readonly outboxKinds?: readonly OutboxKind[];
  /** Whoever is identified changed (another card, none): drop what was held for the last citizen. */
  onSessionChange?(): void;
  /** A live event from the central, after the kiosk's own handling. */
  onCentralEvent?(event: LiveEvent): void;
  /** The link to the central came back after an outage: refresh what the central knows best. */
  onOnline?(): void;
  /** The central's live event stream (re)opened: whatever changed while it was down was missed. */
  onStreamOpen?(): void;
  close?(): Promise<void> | void;
}
