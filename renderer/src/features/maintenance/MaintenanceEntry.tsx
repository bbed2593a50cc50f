import { useRef } from 'react';
import { useDeps } from '../../deps';
import { useKioskStore } from '../../state/kioskStore';
import type { TimerHandle } from '../../time/scheduler';
import { openPinPad, useMaintenanceStore } from './maintenanceStore';

/** How long the corner must be held: long enough that no citizen opens the PIN pad by chance. */
export const LONG_PRESS_MS = 3_000;

/**
 * The hidden way into maintenance mode: hold the top-left corner for three seconds. Invisible and
 * not announced to screen readers; offered only while nobody is identified, so a citizen's
 * session is never interrupted.
 */
export function MaintenanceEntry() {
  const { scheduler } = useDeps();
  const closed = useMaintenanceStore((s) => s.view === 'closed');
  const idle = useKioskStore((s) => s.kiosk !== null && s.kiosk.citizen === null);
  const timer = useRef<TimerHandle | null>(null);
  if (!closed || !idle) return null;
  const cancel = () => {
    if (timer.current !== null) scheduler.clearTimeout(timer.current);
    timer.current = null;
  };
  return (
    <div
      className="maintenance-corner"
      data-testid="maintenance-corner"
      aria-hidden="true"
      onPointerDown={() => {
        cancel();
        timer.current = scheduler.setTimeout(() => {
          timer.current = null;
          openPinPad();
        }, LONG_PRESS_MS);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onPointerCancel={cancel}
      onContextMenu={(e) => e.preventDefault()}
    />
  );
}
