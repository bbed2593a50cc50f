import { describe, expect, it } from 'vitest';
import { openCentralDatabase } from '../db/database';
import { ticketRequest } from '../test-support';
import { MAX_DAILY_NUMBER, QueueStore } from './store';

describe('QueueStore', () => {
  it('refuses a thousandth number in a category on one day', () => {
    const db = openCentralDatabase(':memory:');
    const store = new QueueStore(db);
    db.transaction(() => {
      for (let i = 1; i <= MAX_DAILY_NUMBER; i++)
        store.issue(ticketRequest({ category: 'J' }), '2026-11-25', i);
    })();
    expect(store.issue(ticketRequest({ category: 'J' }), '2026-11-25', 5000)).toEqual({
      kind: 'daily-numbers-exhausted',
    });
    const nextDay = store.issue(ticketRequest({ category: 'J' }), '2026-11-26', 6000);
    expect(nextDay.kind === 'issued' && nextDay.ticket.number).toBe('J001');
    db.close();
  });

  it('forgets citizen references of old tickets but keeps the tickets', () => {
    const db = openCentralDatabase(':memory:');
    const store = new QueueStore(db);
    store.issue(ticketRequest(), '2026-11-25', 1_000);
    store.issue(ticketRequest(), '2026-11-26', 9_000);
    expect(store.forgetCitizenRefs(5_000)).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM tickets WHERE citizen_ref IS NULL').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 2 });
    db.close();
  });
});
