/**
 * The service day of the halls. Queue numbers restart every local day in China Standard Time,
 * whatever time zone the server runs in.
 */
export const HALL_TIME_ZONE = 'Asia/Shanghai';

const dateParts = new Intl.DateTimeFormat('en-US', {
  timeZone: HALL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const MINUTE_MS = 60_000;
// Intl formatting is slow for the hot paths that ask for today's date on every request. China
// Standard Time is a whole-hour offset without daylight saving, so a date never changes within a
// minute: the last minute's answer is kept.
let lastMinute = Number.NaN;
let lastDate = '';

/** Local date in the hall's time zone as YYYY-MM-DD, for the instant `ms` (epoch milliseconds). */
export function serviceDate(ms: number): string {
  const minute = Math.floor(ms / MINUTE_MS);
  if (minute !== lastMinute) {
    lastDate = formatServiceDate(ms);
    lastMinute = minute;
  }
  return lastDate;
}

function formatServiceDate(ms: number): string {
  let year = '';
  let month = '';
  let day = '';
  for (const part of dateParts.formatToParts(ms)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year}-${month}-${day}`;
}
