import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskDatabase, type KioskDatabase } from './database';
import { GroupCommit } from './group-commit';

let db: KioskDatabase | undefined;
afterEach(() => db?.close());

function open(): KioskDatabase {
  db = openKioskDatabase(join(mkdtempSync(join(tmpdir(), 'kiosk-group-')), 'kiosk.db'));
  db.exec(`CREATE TABLE t (v TEXT NOT NULL);
    CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE child (pid INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)`);
  return db;
}

/** A group commit whose flush the test triggers, so "the same turn" is explicit. */
function manual(database: KioskDatabase) {
  const flushes: (() => void)[] = [];
  const group = new GroupCommit(database, (flush) => flushes.push(flush));
  return { group, flushes };
}

const rows = (database: KioskDatabase) =>
  (database.prepare('SELECT v FROM t ORDER BY rowid').all() as { v: string }[]).map((r) => r.v);
const insert = (database: KioskDatabase, v: string) => () =>
  database.prepare('INSERT INTO t (v) VALUES (?)').run(v).changes;

describe('GroupCommit', () => {
  it('commits the writes of one turn in one transaction, in order, each resolving with its own result', async () => {
    const d = open();
    const { group, flushes } = manual(d);
    const results = [group.run(insert(d, 'a')), group.run(() => 'second'), group.run(insert(d, 'c'))];
    expect(flushes).toHaveLength(1);
    expect(group.size).toBe(3);
    expect(rows(d)).toEqual([]);
    flushes[0]!();
    await expect(Promise.all(results)).resolves.toEqual([1, 'second', 1]);
    expect(rows(d)).toEqual(['a', 'c']);
    expect(d.inTransaction).toBe(false);
    // The next write schedules a new group.
    const later = group.run(insert(d, 'd'));
    expect(flushes).toHaveLength(2);
    flushes[1]!();
    await later;
    expect(rows(d)).toEqual(['a', 'c', 'd']);
  });

  it('rolls back a write that throws on its own; only its caller sees the error', async () => {
    const d = open();
    const { group, flushes } = manual(d);
    const ok1 = group.run(insert(d, 'kept-1'));
    const bad = group.run(() => {
      insert(d, 'half-done')();
      throw new Error('domain rule broken');
    });
    const ok2 = group.run(insert(d, 'kept-2'));
    flushes[0]!();
    await expect(bad).rejects.toThrow('domain rule broken');
    await expect(ok1).resolves.toBe(1);
    await expect(ok2).resolves.toBe(1);
    expect(rows(d)).toEqual(['kept-1', 'kept-2']);
  });

  it('fails every write of a group whose COMMIT fails, keeps none, and commits the next group', async () => {
    const d = open();
    const { group, flushes } = manual(d);
    const a = group.run(insert(d, 'lost-with-the-group'));
    // A deferred foreign key is checked at COMMIT: the commit itself fails, as on a full disk.
    const b = group.run(() => d.prepare('INSERT INTO child (pid) VALUES (42)').run().changes);
    flushes[0]!();
    await expect(a).rejects.toThrow(/FOREIGN KEY/);
    await expect(b).rejects.toThrow(/FOREIGN KEY/);
    expect(rows(d)).toEqual([]);
    expect(d.inTransaction).toBe(false);

    const c = group.run(insert(d, 'after'));
    flushes[1]!();
    await expect(c).resolves.toBe(1);
    expect(rows(d)).toEqual(['after']);
  });

  it('commits a group of only non-durable writes without the fsync, and puts FULL back after', async () => {
    const d = open();
    const { group, flushes } = manual(d);
    const seen: number[] = [];
    const sync = () => Number(d.pragma('synchronous', { simple: true }));
    const lease = group.run(
      () => {
        seen.push(sync());
        return insert(d, 'lease')();
      },
      { durable: false },
    );
    flushes[0]!();
    await lease;
    expect(seen).toEqual([1]); // NORMAL inside the lazy commit
    expect(sync()).toBe(2); // FULL again for everything else

    // One durable write makes the whole group durable.
    const mixed = [
      group.run(() => seen.push(sync()), { durable: false }),
      group.run(() => seen.push(sync())),
    ];
    flushes[1]!();
    await Promise.all(mixed);
    expect(seen.slice(1)).toEqual([2, 2]);

    // A lazy group that fails still puts FULL back.
    const failing = group.run(() => d.prepare('INSERT INTO child (pid) VALUES (7)').run(), {
      durable: false,
    });
    flushes[2]!();
    await expect(failing).rejects.toThrow(/FOREIGN KEY/);
    expect(sync()).toBe(2);
    expect(rows(d)).toEqual(['lease']);
  });

  it('flushes by itself on the next turn of the event loop', async () => {
    const d = open();
    const group = new GroupCommit(d);
    const [x, y] = await Promise.all([group.run(insert(d, 'x')), group.run(insert(d, 'y'))]);
    expect([x, y]).toEqual([1, 1]);
    expect(rows(d)).toEqual(['x', 'y']);
  });
});
