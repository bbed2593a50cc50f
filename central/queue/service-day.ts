/**
 * China Standard Time has had no daylight saving since 1991: the hall's service day is a fixed
 * UTC+8 calendar day (the zone of service-date.ts).
 */
const HALL_UTC_OFFSET = '+08:00';

/** The instant (epoch ms) the service day `date` (YYYY-MM-DD) ends, i.e. the next local midnight. */
export function serviceDayEnd(date: string): number {
  return serviceDayStart(date) + 24 * 60 * 60 * 1000;
}

/** The instant (epoch ms) the service day `date` (YYYY-MM-DD) starts, local midnight. */
export function serviceDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00${HALL_UTC_OFFSET}`);
}
