import type { FastifyInstance } from 'fastify';
import { registerEndpoints } from '../api/endpoint-routes';
import type { KioskLogger } from '../logging/logger';
import { pinyinEndpoints } from './contract';
import type { PinyinService } from './service';

/** The pinyin input's route, from its endpoint table. */
export function registerPinyinRoutes(
  app: FastifyInstance,
  pinyin: PinyinService,
  options: { logger: KioskLogger; simulated: boolean },
): void {
  registerEndpoints(
    app,
    pinyinEndpoints,
    {
      warm: () => {
        pinyin.warm();
        return { ok: true, value: {} };
      },
      candidates: ({ body }) => pinyin.candidates(body),
    },
    options,
  );
}
