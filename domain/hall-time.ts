/** The hall's wall-clock zone, whatever zone the terminal's OS is set to. */
export const HALL_TIME_ZONE = 'Asia/Shanghai';

const format = new Intl.DateTimeFormat('en-CA', {
  timeZone: HALL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * `2026-11-25 09:30` in hall time: numeric, so the same on paper and on screen in both languages.
 * Shared by the backend's paper documents and the renderer (a plain function, no Node API).
 * Something that is not a time comes back as it was rather than as "Invalid Date".
 */
export function hallTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = format.formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
