import type { KioskModule } from '../kiosk-module';
import type { KioskLogger } from '../logging/logger';
import type { SpeechEngine } from './engine';
import { registerVoiceRoutes } from './routes';
import { VoiceService } from './service';

export interface VoiceModule extends KioskModule {
  readonly voice: VoiceService;
}

/**
 * Voice guidance spoken by the kiosk (speech-dispatcher on Linux). When whoever is identified
 * changes, whatever was being said for the last citizen stops.
 */
export function createVoiceModule(deps: {
  engine: SpeechEngine;
  logger: KioskLogger;
  simulated: boolean;
}): VoiceModule {
  const voice = new VoiceService({ engine: deps.engine, logger: deps.logger });
  return {
    name: 'voice',
    voice,
    routes: (app) => registerVoiceRoutes(app, voice, { logger: deps.logger, simulated: deps.simulated }),
    onSessionChange: () => voice.cancel(),
    close: () => voice.cancel(),
  };
}
