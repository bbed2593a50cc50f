import type { FastifyInstance } from 'fastify';
import { registerEndpoints } from '../api/endpoint-routes';
import type { KioskLogger } from '../logging/logger';
import { handwritingEndpoints } from './contract';
import { HandwritingInputError, type HandwritingIndex } from './recogniser';

/**
 * Handwriting's route, from its endpoint table. The strokes are neither logged nor kept (the pad
 * may be writing a name); a refusal names the rule broken, never a coordinate.
 */
export function registerHandwritingRoutes(
  app: FastifyInstance,
  index: () => Promise<HandwritingIndex>,
  options: { logger: KioskLogger; simulated: boolean },
): void {
  registerEndpoints(
    app,
    handwritingEndpoints,
    {
      recognise: async ({ body }) => {
        let built: HandwritingIndex;
        try {
          built = await index();
        } catch {
          // Logged once by the module as handwriting.index-failed; the pad tells the citizen to
          // use pinyin, and the next request tries to read the data again.
          return { ok: false, code: 'internal', detail: 'handwriting stroke data unavailable' };
        }
        try {
          return { ok: true, value: { candidates: built.recognise(body.strokes, body.limit) } };
        } catch (err) {
          if (err instanceof HandwritingInputError)
            return { ok: false, code: 'bad-request', detail: err.message };
          throw err;
        }
      },
    },
    options,
  );
}
