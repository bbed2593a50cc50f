import { powerSaveBlocker } from 'electron';
import type { Log } from './log';
import { isWithinOpeningHours, type OpeningHours } from './opening-hours';

/** Opening hours are given to the minute, so checking once a minute switches on time. */
export const POWER_CHECK_INTERVAL_MS = 60_000;

/**
 * Keeps the display awake during opening hours only; outside them the OS power settings apply,
 * so a closed hall does not burn a screen all night. Returns a function that stops the schedule.
 */
export function keepDisplayAwakeDuringOpeningHours(hours: OpeningHours, log: Log): () => void {
  let blockerId: number | null = null;
  const apply = (): void => {
    const wanted = isWithinOpeningHours(new Date(), hours);
    if (wanted && blockerId === null) {
      blockerId = powerSaveBlocker.start('prevent-display-sleep');
      log('info', 'shell.power.display-awake', { on: true });
    } else if (!wanted && blockerId !== null) {
      powerSaveBlocker.stop(blockerId);
      blockerId = null;
      log('info', 'shell.power.display-awake', { on: false });
    }
  };
  apply();
  const timer = setInterval(apply, POWER_CHECK_INTERVAL_MS);
  return () => {
    clearInterval(timer);
    if (blockerId !== null) powerSaveBlocker.stop(blockerId);
    blockerId = null;
  };
}
