import type { Clock } from '../../../domain/clock';
import type { KioskLogger } from '../logging/logger';
import { hallDate } from '../../../domain/hall-time';
import { storeWrite } from '../store/database';
import type { NumberBlocks } from './number-blocks';
import type { CentralQueueClient } from './central';

/** Numbers leased at a time per category: a township point's busiest hour offline. */
export const OFFLINE_BLOCK_SIZE = 10;
/** Lease more when fewer than this many are left for a category. */
export const OFFLINE_LOW_WATER = 3;

/**
 * Keeps a few leased numbers per queue category for the next outage. Runs only while the central
 * answers; a failed lease is simply tried again at the next top-up.
 */
export class NumberKeeper {
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      clock: Clock;
      logger: KioskLogger;
      central: Pick<CentralQueueClient, 'leaseNumberBlock'>;
      blocks: NumberBlocks;
      hallId: string;
      terminalId: string;
      categories: () => string[];
    },
  ) {}

  /** Tops up every category; concurrent calls share one run. */
  topUp(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves when no top-up is under way (for an orderly shutdown). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async run(): Promise<void> {
    const { clock, blocks, central, hallId, terminalId, logger } = this.deps;
    for (const category of this.deps.categories()) {
      const now = clock.now();
      if (blocks.remaining(hallId, category, hallDate(now), now) >= OFFLINE_LOW_WATER) continue;
      const lease = await central.leaseNumberBlock({
        hallId,
        category,
        terminalId,
        size: OFFLINE_BLOCK_SIZE,
      });
      if (lease.kind !== 'ok') {
        logger.warn('queue.block-lease-failed', {
          category,
          reason: lease.kind === 'rejected' ? lease.code : lease.reason,
        });
        if (lease.kind === 'retry' && lease.offline) return;
        continue;
      }
      storeWrite(() => blocks.add(lease.body));
      logger.info('queue.block-leased', { category, count: lease.body.numbers.length });
    }
  }
}
