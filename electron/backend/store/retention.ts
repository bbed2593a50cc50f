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
