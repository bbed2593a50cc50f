import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  closedReason,
  DEFAULT_OPEN_WEEKDAYS,
  isOpenDay,
  isServiceDate,
  openDaysFrom,
  weekdayOf,
  type HallCalendar,
} from './calendar';

const hall: HallCalendar = {
  hallId: 'HALL-CITY-01',
  openWeekdays: DEFAULT_OPEN_WEEKDAYS,
  opensAt: '08:30',
  closesAt: '17:30',
  exceptions: [
    { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-11', kind: 'workday', name: '国庆节调休上班' },
  ],
};

describe('hall calendar', () => {
  it('opens Monday to Saturday by default, never on Sunday', () => {
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(isOpenDay(hall, '2026-11-28')).toBe(true);
    expect(isOpenDay(hall, '2026-11-29')).toBe(false);
    expect(closedReason(hall, '2026-11-29')).toBe('weekly');
    expect(openDaysFrom(hall, '2026-11-27', 4)).toEqual(['2026-11-27', '2026-11-28', '2026-11-30']);
  });

  it('closes on a holiday and opens on a 调休 Sunday', () => {
    expect(closedReason(hall, '2026-10-01')).toBe('国庆节');
    expect(weekdayOf('2026-10-11')).toBe(7);
    expect(isOpenDay(hall, '2026-10-11')).toBe(true);
  });

  it('counts working days by the statutory week, its holidays and make-up days', () => {
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    // From Wednesday 30 September: 1 October is a holiday, the 11th a make-up working Sunday.
    expect(addWorkingDays('2026-09-30', 1, hall.exceptions)).toBe('2026-10-02');
    expect(addWorkingDays('2026-10-09', 1, hall.exceptions)).toBe('2026-10-11');
  });

  it('tells a real date from a malformed or impossible one', () => {
    expect(isServiceDate('2026-02-28')).toBe(true);
    expect(isServiceDate('2026-02-30')).toBe(false);
    expect(isServiceDate('26-02-01')).toBe(false);
  });
});
