import type { Clock } from '../../../domain/clock';
import type { KioskLogger } from '../logging/logger';
import type { KioskDatabase } from './database';
import type { Outbox } from './outbox';

/** A table that keeps citizens' keyed digests: it drops those older than a cutoff. */
export interface ForgetsCitizens {
  forgetCitizens(cutoff: number): number;
}

/**
 * What the store promises about time: nothing personal, and no digest or other derivative of an ID
 * number, is kept readable longer than `store.retentionHours`. Settled outbox payloads and their
 * sealed fields (where a queued item keeps the digest) and the digests in the domain tables go in
 * one transaction, then a truncating WAL checkpoint, with secure_delete on, removes the bytes from
 * kiosk.db and its WAL. A queued item that was never delivered keeps its sealed fields until it is
 * settled, because the central needs the digest; sealed, it is unreadable without the store key.
 */
export function purgePastRetention(
  deps: { db: KioskDatabase; outbox: Outbox; citizens: readonly ForgetsCitizens[] },
  now: number,
  retentionMs: number,
): { items: number; citizens: number } {
  const cutoff = now - retentionMs;
  const purged = deps.db.transaction(() => ({
    items: deps.outbox.purgeSettled(now, retentionMs),
    citizens: deps.citizens.reduce((n, table) => n + table.forgetCitizens(cutoff), 0),
  }))();
  if (purged.items + purged.citizens > 0) deps.db.pragma('wal_checkpoint(TRUNCATE)');
  return purged;
}

/** How often settled outbox payloads and digests past their retention are purged. */
export const PURGE_INTERVAL_MS = 10 * 60_000;

/** Purges at start and then every PURGE_INTERVAL_MS; the answer stops it. */
export function scheduleRetentionPurge(deps: {
  db: KioskDatabase;
  outbox: Outbox;
  citizens: readonly ForgetsCitizens[];
  clock: Clock;
  logger: KioskLogger;
  retentionMs: number;
}): () => void {
  const { clock } = deps;
  let timer = clock.setTimeout(function purge() {
    const purged = purgePastRetention(deps, clock.now(), deps.retentionMs);
    if (purged.items + purged.citizens > 0) deps.logger.info('store.purged', purged);
    timer = clock.setTimeout(purge, PURGE_INTERVAL_MS);
  }, 0);
  return () => clock.clearTimeout(timer);
}
