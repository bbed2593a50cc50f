import type { FastifyInstance } from 'fastify';
import { registerEndpoints } from '../api/endpoint-routes';
import type { KioskLogger } from '../logging/logger';
import { voiceEndpoints } from './contract';
import type { VoiceService } from './service';

/** Voice guidance's routes, from its endpoint table. They answer at once: speech goes on after. */
export function registerVoiceRoutes(
  app: FastifyInstance,
  voice: VoiceService,
  options: { logger: KioskLogger; simulated: boolean },
): void {
  registerEndpoints(
    app,
    voiceEndpoints,
    {
      speak: ({ body }) => ({ ok: true, value: { voice: voice.speak(body.text, body.language) } }),
      cancel: () => {
        voice.cancel();
        return { ok: true, value: {} };
      },
    },
    options,
  );
}
