import { useEffect } from 'react';
import { subscribeEvents } from '../api/client';
import type { EventSourceFactory } from '../api/client';
import type { Scheduler, TimerHandle } from '../time/scheduler';
import { noteProgressChanged } from '../features/progress/progressStore';
import { loadCategories } from '../features/queue/queueActions';
import { refreshState } from './actions';
import { useKioskStore } from './kioskStore';

/** While GET /api/state fails (backend restarting), try again this often. */
export const STATE_RETRY_MS = 3_000;
/** A card-read error stays on the home screen this long, then the plain prompt comes back. */
export const CARD_ERROR_SHOW_MS = 10_000;

/**
 * Loads the kiosk state, keeps it current from the event stream (refetch on 'state-changed', and
 * after every reconnect because events may have been missed) and retries while the backend is down.
 */
export function useBackendConnection(scheduler: Scheduler, createEventSource?: EventSourceFactory): void {
  useEffect(() => {
    let stopped = false;
    let retry: TimerHandle | null = null;
    let cardErrorTimer: TimerHandle | null = null;

    const load = (): void => {
      if (retry !== null) scheduler.clearTimeout(retry);
      retry = null;
      void refreshState().then((ok) => {
        if (!ok && !stopped && retry === null) retry = scheduler.setTimeout(load, STATE_RETRY_MS);
      });
    };

    const unsubscribe = subscribeEvents(
      {
        onOpen: load,
        onEvent: (event) => {
          switch (event.type) {
            case 'state-changed':
              load();
              if (useKioskStore.getState().screen === 'take-number') void loadCategories();
              break;
            case 'card-error':
              useKioskStore.setState({ cardError: { code: event.code } });
              if (cardErrorTimer !== null) scheduler.clearTimeout(cardErrorTimer);
              cardErrorTimer = scheduler.setTimeout(() => {
                cardErrorTimer = null;
                useKioskStore.setState({ cardError: null });
              }, CARD_ERROR_SHOW_MS);
              break;
            case 'progress-changed':
              noteProgressChanged(event);
              break;
          }
        },
      },
      { scheduler, createEventSource },
    );
    load();

    return () => {
      stopped = true;
      unsubscribe();
      if (retry !== null) scheduler.clearTimeout(retry);
      if (cardErrorTimer !== null) scheduler.clearTimeout(cardErrorTimer);
    };
  }, [scheduler, createEventSource]);
}
