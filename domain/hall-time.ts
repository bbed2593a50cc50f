/**
 * Hall time: the wall clock and calendar of the service hall, China Standard Time, whatever zone
 * the terminal's OS or the central's server is set to. Queue numbers restart, bookings fall and
 * deadlines count in hall days; screens and paper print hall time.
 */

/** The hall's wall-clock zone. */
export const HALL_TIME_ZONE = 'Asia/Shanghai';

/**
 * China Standard Time has had no daylight saving since 1991, so a hall day is a fixed UTC+8
 * calendar day and a wall-clock time on it is one instant.
 */
export const HALL_UTC_OFFSET = '+08:00';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const numericDateTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: HALL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const numericDate = new Intl.DateTimeFormat('en-US', {
  timeZone: HALL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * `2026-11-25 09:30` in hall time: numeric, so the same on paper and on screen in both languages.
 * Something that is not a time comes back as it was rather than as "Invalid Date".
 */
export function hallTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = numericDateTime.formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const writtenDateTime = new Map<string, Intl.DateTimeFormat>();

/**
 * Date and time in hall time as a citizen reads it on paper and on screen: `2026年12月7日 10:37`
 * (zh-CN), `December 7, 2026 at 10:37` (en). Something that is not a time comes back as it was.
 */
export function hallDateTimeWritten(iso: string, locale = 'zh-CN'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = writtenDateTime.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: HALL_TIME_ZONE,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    writtenDateTime.set(locale, format);
  }
  return format.format(date);
}

/** Date and time in hall time as `locale` writes them (a banner's "saved at ..."). */
export function hallTimeLocalized(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { timeZone: HALL_TIME_ZONE });
}

/** Hours and minutes in hall time as `locale` writes them (the time on a ticket). */
export function hallClockLocalized(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    // h23, not hour12: false, which English locales render as "24:05" just after midnight.
    hourCycle: 'h23',
    timeZone: HALL_TIME_ZONE,
  }).format(date);
}

// Intl formatting is slow for the hot paths that ask for today's date on every request. A hall date
// never changes within a minute (whole-hour offset), so the last minute's answer is kept.
let lastMinute = Number.NaN;
let lastDate = '';

/** The hall day of the instant `ms` (epoch milliseconds) as YYYY-MM-DD: the service date. */
export function hallDate(ms: number): string {
  const minute = Math.floor(ms / MINUTE_MS);
  if (minute !== lastMinute) {
    lastDate = formatHallDate(ms);
    lastMinute = minute;
  }
  return lastDate;
}

function formatHallDate(ms: number): string {
  let year = '';
  let month = '';
  let day = '';
  for (const part of numericDate.formatToParts(ms)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year}-${month}-${day}`;
}

/** The instant (epoch ms) the hall day `date` (YYYY-MM-DD) starts: local midnight. */
export function hallDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00${HALL_UTC_OFFSET}`);
}

/** The instant (epoch ms) the hall day `date` (YYYY-MM-DD) ends: the next local midnight. */
export function hallDayEnd(date: string): number {
  return hallDayStart(date) + DAY_MS;
}

/** The instant (epoch ms) of the wall-clock time `hhmm` (HH:MM) on the hall day `date`. */
export function hallInstant(date: string, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return hallDayStart(date) + (h * 60 + m) * MINUTE_MS;
}
