import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeps } from '../deps';
import { endSession } from '../state/actions';
import { useKioskStore } from '../state/kioskStore';
import type { TimerHandle } from '../time/scheduler';

/** The countdown ticks once a second. */
const TICK_MS = 1_000;
/**
 * In 长辈模式 the countdown lasts this many times longer too: reading it, understanding it and
 * reaching for "Continue" takes an older citizen longer (适老化: no unnecessary time pressure).
 */
export const ELDERLY_WARNING_FACTOR = 2;

/**
 * Ends a forgotten session. While someone is identified (or any screen but home is open), after
 * `idle.sessionSeconds` without a touch (`elderlySessionSeconds` in elderly mode: no unnecessary
 * time pressure) it shows a countdown of `idle.warningSeconds` (twice that in elderly mode) with
 * "Continue"; any touch resets
 * it; at zero it ends the session and goes home.
 */
export function IdleGuard() {
  const { t } = useTranslation();
  const { scheduler } = useDeps();
  // A citizen who called staff (帮办代办) waits for a person, not the screen: ending the session
  // under them would send the helper to an empty kiosk, so the guard rests while the call is live.
  const helpComing = useKioskStore(
    (s) => s.kiosk?.staffCall != null && s.kiosk.staffCall.status !== 'closed',
  );
  const active = useKioskStore(
    (s) => s.kiosk !== null && (s.kiosk.citizen !== null || s.screen !== 'home') && !helpComing,
  );
  const elderly = useKioskStore((s) => s.elderly);
  const sessionSeconds = useKioskStore((s) =>
    s.kiosk === null ? 0 : elderly ? s.kiosk.idle.elderlySessionSeconds : s.kiosk.idle.sessionSeconds,
  );
  const warningSeconds = useKioskStore(
    (s) => (s.kiosk?.idle.warningSeconds ?? 0) * (elderly ? ELDERLY_WARNING_FACTOR : 1),
  );
  const [remaining, setRemaining] = useState<number | null>(null);
  /** Restarts the idle time; set by the effect, called by "Continue". */
  const resetRef = useRef<() => void>(() => {});

  useEffect(() => {
    if (!active) return;
    let timer: TimerHandle | null = null;
    let left = 0;
    const clear = (): void => {
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
    };
    const tick = (): void => {
      left -= 1;
      if (left <= 0) {
        timer = null;
        setRemaining(null);
        void endSession();
        return;
      }
      setRemaining(left);
      timer = scheduler.setTimeout(tick, TICK_MS);
    };
    const warn = (): void => {
      left = Math.max(1, Math.round(warningSeconds));
      setRemaining(left);
      timer = scheduler.setTimeout(tick, TICK_MS);
    };
    const arm = (): void => {
      clear();
      timer = scheduler.setTimeout(warn, Math.max(1, sessionSeconds) * 1000);
    };
    const onActivity = (): void => {
      setRemaining(null);
      arm();
    };
    resetRef.current = onActivity;
    arm();
    window.addEventListener('pointerdown', onActivity, true);
    window.addEventListener('keydown', onActivity, true);
    return () => {
      clear();
      window.removeEventListener('pointerdown', onActivity, true);
      window.removeEventListener('keydown', onActivity, true);
      setRemaining(null);
    };
  }, [active, sessionSeconds, warningSeconds, scheduler]);

  if (!active || remaining === null) return null;
  return (
    <div
      className="overlay"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
    >
      <div className="dialog" data-testid="idle-countdown">
        <h2 id="idle-title">{t('idle.title')}</h2>
        <p className="countdown-number" aria-hidden="true">
          {remaining}
        </p>
        <p id="idle-text" className="dialog-text" aria-live="polite">
          {t('idle.countdown', { seconds: remaining })}
        </p>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="idle-continue"
          onClick={() => resetRef.current()}
        >
          {t('idle.continue')}
        </button>
      </div>
    </div>
  );
}
