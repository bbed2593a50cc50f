import { join } from 'node:path';
import type { Clock } from '../../../domain/clock';
import type { KioskModule } from '../kiosk-module';
import type { KioskLogger } from '../logging/logger';
import { loadDictionary } from './loader';
import { registerPinyinRoutes } from './routes';
import { PinyinService } from './service';

export interface PinyinModule extends KioskModule {
  readonly pinyin: PinyinService;
}

/**
 * Chinese input by pinyin for the on-screen keyboard: phrase candidates from jieba's frequency
 * dictionary, the hall's place names weighted up. The dictionary is read when a keyboard with a
 * pinyin tab first opens (not at start, nor at each citizen: a kiosk or a journey that types no
 * Chinese pays nothing), and its pinyin is kept in the data folder so it is built only once per
 * dictionary release.
 */
export function createPinyinModule(deps: {
  dataDir: string;
  clock: Clock;
  logger: KioskLogger;
  simulated: boolean;
  /** The dictionary source; by default jieba's, from `@node-rs/jieba`. */
  sourcePath?: string;
}): PinyinModule {
  const pinyin = new PinyinService({
    load: () => loadDictionary({ sourcePath: deps.sourcePath, cacheDir: join(deps.dataDir, 'cache') }),
    logger: deps.logger,
    clock: deps.clock,
  });
  return {
    name: 'pinyin',
    pinyin,
    routes: (app) => registerPinyinRoutes(app, pinyin, { logger: deps.logger, simulated: deps.simulated }),
  };
}
