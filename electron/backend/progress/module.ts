import type { KioskModule } from '../kiosk-module';
import { registerProgressRoutes } from './routes';
import { CaseProgress, type CaseProgressDeps } from './service';

export interface ProgressModule extends KioskModule {
  readonly progress: CaseProgress;
}

/**
 * Progress (办件进度): the identified citizen's cases, kept current by the central's live events,
 * and the result notice. What is held belongs to one citizen and goes with the session.
 */
export function createProgressModule(deps: CaseProgressDeps & { simulated: boolean }): ProgressModule {
  const progress = new CaseProgress(deps);
  return {
    name: 'progress',
    progress,
    // Any change of who is identified (card out, another card) drops the cases held for the last one.
    onSessionChange: () => progress.reset(),
    routes: (app) =>
      registerProgressRoutes(app, progress, { logger: deps.logger, simulated: deps.simulated }),
    onCentralEvent: (event) => progress.onCentralEvent(event),
    close: async () => {
      progress.reset();
      await progress.idle();
    },
  };
}
