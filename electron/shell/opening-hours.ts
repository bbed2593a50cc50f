/**
 * Opening hours of the hall, for keeping the display awake. Pure: no electron import.
 */
import type { KioskConfig } from '../../kiosk-config/schema';

export type OpeningHours = KioskConfig['openingHours'];

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** 1 = Monday ... 7 = Sunday, as in the configuration (Date#getDay uses 0 = Sunday). */
function isoDay(date: Date): number {
  return date.getDay() === 0 ? 7 : date.getDay();
}

/**
 * Whether `date` (local time of the kiosk) falls within the opening hours. `open` is inclusive and
 * `close` exclusive. A `close` earlier than `open` means the hall closes after midnight: the late part
 * belongs to the day it opened on. `open` equal to `close` means open the whole of the listed days,
 * the only useful reading of an otherwise empty window.
 */
export function isWithinOpeningHours(date: Date, hours: OpeningHours): boolean {
  const now = date.getHours() * 60 + date.getMinutes();
  const open = minutesOf(hours.open);
  const close = minutesOf(hours.close);
  const today = isoDay(date);
  const yesterday = today === 1 ? 7 : today - 1;
  if (open === close) return hours.days.includes(today);
  if (open < close) return hours.days.includes(today) && now >= open && now < close;
  return (hours.days.includes(today) && now >= open) || (hours.days.includes(yesterday) && now < close);
}
