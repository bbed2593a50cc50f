import type { CentralDatabase } from '../db/database';
import {
  DEFAULT_CLOSES_AT,
  DEFAULT_OPEN_WEEKDAYS,
  DEFAULT_OPENS_AT,
  type CalendarException,
  type HallCalendar,
  type Weekday,
} from './calendar';

/** Nationwide days (the State Council's holidays and 调休) are stored under this scope. */
export const EVERY_HALL = '*';

interface WeekRow {
  open_weekdays: string;
  opens_at: string;
  closes_at: string;
}
interface DayRow {
  scope: string;
  service_date: string;
  kind: CalendarException['kind'];
  name: string;
}

/** Hall calendars and their dated exceptions. Methods are synchronous; callers own transactions. */
export class CalendarStore {
  private readonly stmts;

  constructor(db: CentralDatabase) {
    this.stmts = {
      week: db.prepare<[string], WeekRow>(
        'SELECT open_weekdays, opens_at, closes_at FROM hall_calendars WHERE hall_id = ?',
      ),
      // The hall's own entry sorts before the nationwide one of the same date.
      days: db.prepare<[string, string], DayRow>(
        `SELECT scope, service_date, kind, name FROM calendar_days WHERE scope IN (?, ?)
         ORDER BY service_date, CASE scope WHEN '*' THEN 1 ELSE 0 END`,
      ),
      setWeek: db.prepare(
        `INSERT INTO hall_calendars (hall_id, open_weekdays, opens_at, closes_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (hall_id) DO UPDATE SET open_weekdays = excluded.open_weekdays, opens_at = excluded.opens_at,
           closes_at = excluded.closes_at, updated_at = excluded.updated_at`,
      ),
      setDay: db.prepare(
        `INSERT INTO calendar_days (scope, service_date, kind, name) VALUES (?, ?, ?, ?)
         ON CONFLICT (scope, service_date) DO UPDATE SET kind = excluded.kind, name = excluded.name`,
      ),
      clearDay: db.prepare('DELETE FROM calendar_days WHERE scope = ? AND service_date = ?'),
    };
  }

  calendarOf(hallId: string): HallCalendar {
    const week = this.stmts.week.get(hallId);
    const seen = new Set<string>();
    const exceptions: CalendarException[] = [];
    for (const d of this.stmts.days.all(hallId, EVERY_HALL)) {
      if (seen.has(d.service_date)) continue;
      seen.add(d.service_date);
      exceptions.push({ date: d.service_date, kind: d.kind, name: d.name });
    }
    return {
      hallId,
      openWeekdays: week ? (week.open_weekdays.split(',').map(Number) as Weekday[]) : DEFAULT_OPEN_WEEKDAYS,
      opensAt: week?.opens_at ?? DEFAULT_OPENS_AT,
      closesAt: week?.closes_at ?? DEFAULT_CLOSES_AT,
      exceptions,
    };
  }

  setWeek(hallId: string, openWeekdays: readonly Weekday[], opensAt: string, closesAt: string, now: number) {
    const days = [...new Set(openWeekdays)].sort((a, b) => a - b).join(',');
    this.stmts.setWeek.run(hallId, days, opensAt, closesAt, now);
  }

  /** Sets (or with kind null, removes) the exception of a date, for a hall or EVERY_HALL. */
  setDay(scope: string, date: string, kind: CalendarException['kind'] | null, name: string): void {
    if (kind === null) this.stmts.clearDay.run(scope, date);
    else this.stmts.setDay.run(scope, date, kind, name);
  }
}
