import { describe, expect, it } from 'vitest';
import {
  hallClockLocalized,
  hallDateTimeWritten,
  hallDate,
  hallDayEnd,
  hallDayStart,
  hallInstant,
  hallTime,
  hallTimeLocalized,
} from './hall-time';

describe('hallTime', () => {
  it('prints the hall’s wall-clock time whatever the zone of the instant given', () => {
    expect(hallTime('2026-11-25T01:30:00.000Z')).toBe('2026-11-25 09:30');
    expect(hallTime('2026-11-25T17:05:00+01:00')).toBe('2026-11-26 00:05');
  });

  it('gives back what is not a time as it was', () => {
    expect(hallTime('not a time')).toBe('not a time');
    expect(hallTimeLocalized('not a time', 'en')).toBe('not a time');
    expect(hallClockLocalized('not a time', 'zh-CN')).toBe('not a time');
  });
});

describe('localized hall time', () => {
  it('writes the hall’s date and time the way the language does', () => {
    expect(hallTimeLocalized('2026-11-25T01:00:00.000Z', 'en-US')).toMatch(/^11\/25\/2026, 9:00:00\sAM$/);
    expect(hallTimeLocalized('2026-11-25T01:00:00.000Z', 'zh-CN')).toBe('2026/11/25 09:00:00');
  });

  it('gives a ticket’s time in 24-hour hall time, also just after midnight', () => {
    expect(hallClockLocalized('2026-11-25T01:30:00.000Z', 'en')).toBe('09:30');
    expect(hallClockLocalized('2026-11-25T16:05:00.000Z', 'en')).toBe('00:05');
    expect(hallClockLocalized('2026-11-25T16:05:00.000Z', 'zh-CN')).toBe('00:05');
  });
});

describe('written hall time', () => {
  it('writes date and minute as a citizen reads them, in hall time, not UTC', () => {
    expect(hallDateTimeWritten('2026-12-07T02:37:09.974Z')).toBe('2026年12月7日 10:37');
    expect(hallDateTimeWritten('2026-12-06T16:05:00.000Z', 'zh-CN')).toBe('2026年12月7日 00:05');
    expect(hallDateTimeWritten('2026-12-07T02:37:09.974Z', 'en')).toBe('December 7, 2026 at 10:37');
    expect(hallDateTimeWritten('not a time')).toBe('not a time');
  });
});

describe('hallDate', () => {
  it('turns over at midnight China Standard Time (UTC+8)', () => {
    expect(hallDate(Date.UTC(2026, 10, 25, 15, 59, 59, 999))).toBe('2026-11-25');
    expect(hallDate(Date.UTC(2026, 10, 25, 16, 0, 0))).toBe('2026-11-26');
    expect(hallDate(Date.UTC(2026, 10, 26, 0, 0, 0))).toBe('2026-11-26');
    expect(hallDate(Date.UTC(2026, 11, 31, 16, 0, 0))).toBe('2027-01-01');
  });

  it('answers the same within a minute and the next day after midnight (the kept answer)', () => {
    const justBefore = Date.parse('2026-11-25T23:59:30+08:00');
    expect(hallDate(justBefore)).toBe('2026-11-25');
    expect(hallDate(justBefore + 29_999)).toBe('2026-11-25');
    expect(hallDate(justBefore + 30_000)).toBe('2026-11-26');
  });
});

describe('hall days and instants', () => {
  it('starts and ends a hall day at local midnight', () => {
    expect(new Date(hallDayStart('2026-11-25')).toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(new Date(hallDayEnd('2026-11-25')).toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(hallDayEnd('2026-11-25')).toBe(hallDayStart('2026-11-26'));
  });

  it('places a wall-clock time of a hall day', () => {
    expect(new Date(hallInstant('2026-11-25', '09:30')).toISOString()).toBe('2026-11-25T01:30:00.000Z');
    expect(hallInstant('2026-11-25', '00:00')).toBe(hallDayStart('2026-11-25'));
    expect(hallDate(hallInstant('2026-11-25', '23:59'))).toBe('2026-11-25');
  });

  it('is no instant for what is not a date', () => {
    expect(hallDayStart('not a date')).toBeNaN();
  });
});
