/**
 * Working days for follow-up deadlines: Monday to Friday. Public holidays and their make-up
 * working days (调休) are set by the State Council each year; a hall that needs them adds a calendar
 * here. Dates are YYYY-MM-DD service dates.
 */
export function addWorkingDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}
