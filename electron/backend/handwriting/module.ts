import type { KioskModule } from '../kiosk-module';
import type { KioskLogger } from '../logging/logger';
import type { HandwritingIndex } from './recogniser';
import { registerHandwritingRoutes } from './routes';
import { vocabularyIndex } from './vocabulary';

export interface HandwritingModuleOptions {
  logger: KioskLogger;
  simulated: boolean;
  /** The recogniser's index; by default the whole vocabulary, built once per process. */
  index?: () => Promise<HandwritingIndex>;
}

/**
 * 手写输入 for the on-screen keyboard: recognition runs on the kiosk, so it works with the hall's
 * network down. The index is built in the background as the kiosk starts (about half a second),
 * so the citizen's first character does not wait for it.
 */
export function createHandwritingModule(options: HandwritingModuleOptions): KioskModule {
  const index = options.index ?? vocabularyIndex;
  void index().then(
    (built) => options.logger.info('handwriting.ready', { characters: built.size }),
    (err: Error) => options.logger.error('handwriting.index-failed', { reason: err.message }),
  );
  return {
    name: 'handwriting',
    routes: (app) =>
      registerHandwritingRoutes(app, index, { logger: options.logger, simulated: options.simulated }),
  };
}
