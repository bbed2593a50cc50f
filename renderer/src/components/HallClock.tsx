import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HALL_TIME_ZONE } from '../../../domain/hall-time';
import { useDeps } from '../deps';
import { useKioskStore } from '../state/kioskStore';

const MINUTE_MS = 60_000;

const formats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/** The hall's date and time as `locale` writes them: always hall time, whatever the OS zone. */
export function hallClockParts(ms: number, locale: string): { date: string; time: string } {
  let f = formats.get(locale);
  if (!f) {
    f = {
      date: new Intl.DateTimeFormat(locale, {
        timeZone: HALL_TIME_ZONE,
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        weekday: 'long',
      }),
      // h23: "00:05" after midnight in every locale, never "24:05" or "12:05 AM".
      time: new Intl.DateTimeFormat(locale, {
        timeZone: HALL_TIME_ZONE,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    };
    formats.set(locale, f);
  }
  return { date: f.date.format(ms), time: f.time.format(ms) };
}

/**
 * The header's date and time in hall time. It wakes at each minute's start on the app's scheduler,
 * so a test moves it by advancing the scheduler and the kiosk does not re-render every second.
 */
export function HallClock() {
  const { t } = useTranslation();
  const { scheduler } = useDeps();
  const language = useKioskStore((s) => s.language);
  const [now, setNow] = useState(() => scheduler.now());
  useEffect(() => {
    let handle = scheduler.setTimeout(tick, MINUTE_MS - (scheduler.now() % MINUTE_MS));
    function tick() {
      setNow(scheduler.now());
      handle = scheduler.setTimeout(tick, MINUTE_MS - (scheduler.now() % MINUTE_MS));
    }
    return () => scheduler.clearTimeout(handle);
  }, [scheduler]);
  const { date, time } = hallClockParts(now, language);
  return (
    <div className="hall-clock" role="timer" aria-label={t('design.clock.label')} data-testid="hall-clock">
      <span className="hall-clock-time" data-testid="hall-clock-time">
        {time}
      </span>
      <span className="hall-clock-date" data-testid="hall-clock-date">
        {date}
      </span>
    </div>
  );
}
