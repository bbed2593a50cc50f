import { describe, expect, it } from 'vitest';
import { isWithinOpeningHours, type OpeningHours } from './opening-hours';

// Local-time dates, so the tests hold in any time zone. 2026-11-23 is a Monday.
const at = (day: number, hh: number, mm: number): Date => new Date(2026, 10, 22 + day, hh, mm);
const weekdays: OpeningHours = { days: [1, 2, 3, 4, 5, 6], open: '08:30', close: '17:30' };

describe('isWithinOpeningHours', () => {
  it('is open from the opening minute up to, not including, the closing minute', () => {
    expect(isWithinOpeningHours(at(1, 8, 29), weekdays)).toBe(false);
    expect(isWithinOpeningHours(at(1, 8, 30), weekdays)).toBe(true);
    expect(isWithinOpeningHours(at(1, 12, 0), weekdays)).toBe(true);
    expect(isWithinOpeningHours(at(1, 17, 29), weekdays)).toBe(true);
    expect(isWithinOpeningHours(at(1, 17, 30), weekdays)).toBe(false);
  });

  it('maps Sunday to 7 and respects the listed days', () => {
    expect(isWithinOpeningHours(at(6, 10, 0), weekdays)).toBe(true); // Saturday
    expect(isWithinOpeningHours(at(7, 10, 0), weekdays)).toBe(false); // Sunday
    expect(isWithinOpeningHours(at(7, 10, 0), { ...weekdays, days: [7] })).toBe(true);
  });

  it('handles hours past midnight as part of the opening day', () => {
    const night: OpeningHours = { days: [5], open: '20:00', close: '02:00' }; // Friday night
    expect(isWithinOpeningHours(at(5, 19, 59), night)).toBe(false);
    expect(isWithinOpeningHours(at(5, 23, 0), night)).toBe(true);
    expect(isWithinOpeningHours(at(6, 1, 59), night)).toBe(true); // Saturday early morning
    expect(isWithinOpeningHours(at(6, 2, 0), night)).toBe(false);
    expect(isWithinOpeningHours(at(6, 23, 0), night)).toBe(false); // Saturday is not listed
  });

  it('wraps from Sunday night into Monday morning', () => {
    const sunday: OpeningHours = { days: [7], open: '22:00', close: '01:00' };
    expect(isWithinOpeningHours(at(8, 0, 30), sunday)).toBe(true); // Monday 00:30
  });

  it('reads equal open and close as the whole day', () => {
    const allDay: OpeningHours = { days: [1], open: '00:00', close: '00:00' };
    expect(isWithinOpeningHours(at(1, 0, 0), allDay)).toBe(true);
    expect(isWithinOpeningHours(at(1, 23, 59), allDay)).toBe(true);
    expect(isWithinOpeningHours(at(2, 12, 0), allDay)).toBe(false);
  });
});
