import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../db/database';
import { migrations } from '../db/migrations';
import { StaffStore } from '../staff/store';

describe('hall confinement migration and staff provisioning', () => {
  it('keeps existing staff where they were: hall-less managers become every-hall, hall-less clerks reach no hall', () => {
    const db = new Database(':memory:');
    applyMigrations(
      db,
      migrations.filter((m) => m.version < 7),
    );
    db.exec(`INSERT INTO halls (hall_id, name_zh, name_en) VALUES ('H1', '一', 'One');
      INSERT INTO staff_members (staff_id, display_name, role, hall_id, token_digest, created_at) VALUES
        ('W1', 'w', 'window', 'H1', 'd1', 0), ('W2', 'w', 'window', NULL, 'd2', 0),
        ('M1', 'm', 'manager', NULL, 'd3', 0), ('M2', 'm', 'manager', 'H1', 'd4', 0);`);
    applyMigrations(db, migrations);
    expect(db.prepare('SELECT staff_id, hall_id FROM staff_halls ORDER BY staff_id').all()).toEqual([
      { staff_id: 'M2', hall_id: 'H1' },
      { staff_id: 'W1', hall_id: 'H1' },
    ]);
    expect(db.prepare('SELECT staff_id, every_hall FROM staff_members ORDER BY staff_id').all()).toEqual([
      { staff_id: 'M1', every_hall: 1 },
      { staff_id: 'M2', every_hall: 0 },
      { staff_id: 'W1', every_hall: 0 },
      { staff_id: 'W2', every_hall: 0 },
    ]);
    db.close();
  });

  it('refuses staff without a clear hall: a clerk without one, an approver with one, an unknown hall, both forms at once', () => {
    const db = new Database(':memory:');
    applyMigrations(db, migrations);
    db.exec(`INSERT INTO halls (hall_id, name_zh, name_en) VALUES ('H1', '一', 'One')`);
    const staff = new StaffStore(db, () => 0);
    const base = { staffId: 'S1', displayName: 's', token: 'a-long-enough-staff-token-000001' };
    expect(() => staff.provision({ ...base, role: 'window' })).toThrow(/bound to the hall/);
    expect(() => staff.provision({ ...base, role: 'window', everyHall: true })).toThrow(/bound to the hall/);
    expect(() => staff.provision({ ...base, role: 'manager' })).toThrow(/every hall/);
    expect(() => staff.provision({ ...base, role: 'manager', hallId: 'H1', everyHall: true })).toThrow(
      /not both/,
    );
    expect(() => staff.provision({ ...base, role: 'approver', departmentId: 'D1', hallId: 'H1' })).toThrow(
      /by department/,
    );
    expect(() => staff.provision({ ...base, role: 'window', hallIds: ['H1', 'NOPE'] })).toThrow(
      /no hall NOPE/,
    );
    expect(db.prepare('SELECT count(*) AS n FROM staff_members').get()).toEqual({ n: 0 });

    staff.provision({ ...base, role: 'window', hallIds: ['H1'] });
    expect(staff.byToken(base.token)).toMatchObject({ hallIds: ['H1'], everyHall: false });
    // Re-provisioning replaces the halls, it does not add to them.
    staff.provision({ ...base, role: 'manager', everyHall: true });
    expect(staff.byToken(base.token)).toMatchObject({ hallIds: [], everyHall: true });
    db.close();
  });
});
