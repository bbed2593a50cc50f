/**
 * Working days for follow-up deadlines come from the hall calendar (the statutory week, its
 * holidays and 调休 make-up days); this name stays for the slice's callers.
 */
export { addWorkingDays } from '../calendar/calendar';
