/**
 * A hall's calendar: the weekdays it opens, its opening hours, and the dated exceptions, which are
 * public holidays (closed) and the make-up working days of 调休 (open although they fall on a
 * weekend). Holidays and make-up days are set by the State Council each year; they are entered for
 * every hall at once (scope '*') or for one hall. Pure: dates are YYYY-MM-DD service dates in hall
 * time, weekdays are ISO (1 = Monday ... 7 = Sunday).
 */

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface CalendarException {
  date: string;
  kind: 'holiday' | 'workday';
  /** What the day is, e.g. 国庆节 or 国庆节调休上班; shown to staff, never to decide anything. */
  name: string;
}

export interface HallCalendar {
  hallId: string;
  openWeekdays: readonly Weekday[];
  opensAt: string;
  closesAt: string;
  /** Hall exceptions first win over nationwide ones of the same date. */
  exceptions: readonly CalendarException[];
}

/** The week a hall opens unless its calendar says otherwise: the kiosk config's default too. */
export const DEFAULT_OPEN_WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6];
export const DEFAULT_OPENS_AT = '08:30';
export const DEFAULT_CLOSES_AT = '17:30';
/** The statutory working week, by which follow-up deadlines are counted (工作日). */
export const STATUTORY_WEEK: readonly Weekday[] = [1, 2, 3, 4, 5];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `date` is a real calendar date in YYYY-MM-DD. */
export function isServiceDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

export function weekdayOf(date: string): Weekday {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (day === 0 ? 7 : day) as Weekday;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function exceptionOn(calendar: Pick<HallCalendar, 'exceptions'>, date: string) {
  return calendar.exceptions.find((e) => e.date === date);
}

/** Whether the hall serves citizens on `date`: its week, less holidays, plus 调休 working days. */
export function isOpenDay(calendar: HallCalendar, date: string): boolean {
  const exception = exceptionOn(calendar, date);
  if (exception) return exception.kind === 'workday';
  return calendar.openWeekdays.includes(weekdayOf(date));
}

/** Why the hall is closed on `date` (a holiday's name, or 'weekly' for a day it never opens). */
export function closedReason(calendar: HallCalendar, date: string): string | undefined {
  if (isOpenDay(calendar, date)) return undefined;
  return exceptionOn(calendar, date)?.name ?? 'weekly';
}

/** Whether `date` is a statutory working day: Monday to Friday, less holidays, plus 调休 days. */
export function isWorkingDay(exceptions: readonly CalendarException[], date: string): boolean {
  const exception = exceptions.find((e) => e.date === date);
  if (exception) return exception.kind === 'workday';
  return STATUTORY_WEEK.includes(weekdayOf(date));
}

/** The date `days` working days after `date`, by the statutory week and these exceptions. */
export function addWorkingDays(
  date: string,
  days: number,
  exceptions: readonly CalendarException[] = [],
): string {
  let current = date;
  let left = days;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(exceptions, current)) left--;
  }
  return current;
}

/** The open days among the `count` days from `from` (included). */
export function openDaysFrom(calendar: HallCalendar, from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(from, i)).filter((d) => isOpenDay(calendar, d));
}
