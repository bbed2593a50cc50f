import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once, quantile, type Baseline } from '../figure';

/**
 * Bare better-sqlite3 commits with the kiosk store's durability: WAL, synchronous=FULL, exclusive
 * locking, one INSERT per transaction, on a fresh file in the same temporary folder the suites
 * use. This is what one durable citizen action costs the disk before any kiosk code runs.
 */
function commitTimesMs(commits: number): number[] {
  const db = new Database(join(mkdtempSync(join(tmpdir(), 'bench-bare-commit-')), 'bare.db'));
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO items (payload) VALUES (?)');
    const commit = db.transaction((payload: string) => insert.run(payload));
    // About the size of an outbox row's payload.
    const payload = randomBytes(96).toString('hex');
    for (let i = 0; i < 50; i++) commit(payload);
    const samples: number[] = [];
    for (let i = 0; i < commits; i++) {
      const t = process.hrtime.bigint();
      commit(payload);
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return samples;
  } finally {
    db.close();
  }
}

/**
 * One run of bare FULL commits, shared by the figures of one group so their ratios compare
 * against the same disk minutes.
 */
export function bareFullCommits(commits = 5_000) {
  const samples = once(() => commitTimesMs(commits));
  const meanMs = () => samples().reduce((a, b) => a + b, 0) / samples().length;
  return {
    rate: {
      name: 'bare FULL commit rate',
      unit: 'ops/s',
      measure: () => 1000 / meanMs(),
    } satisfies Baseline,
    p50: {
      name: 'bare FULL commit p50',
      unit: 'ms',
      measure: () => quantile(samples(), 0.5),
    } satisfies Baseline,
    p99: {
      name: 'bare FULL commit p99',
      unit: 'ms',
      measure: () => quantile(samples(), 0.99),
    } satisfies Baseline,
    /** `n` commits one after the other, from the mean of the run. */
    seconds: (n: number): Baseline => ({
      name: `${n.toLocaleString('en')} bare FULL commits`,
      unit: 's',
      measure: () => (n * meanMs()) / 1000,
    }),
  };
}
