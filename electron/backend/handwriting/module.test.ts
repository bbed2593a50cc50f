import { describe, expect, it } from 'vitest';
import { createTestLogger } from '../logging/logger';
import { createHandwritingModule } from './module';
import { HandwritingIndex } from './recogniser';

describe('the handwriting module', () => {
  it('builds its index as the kiosk starts and says how many characters it knows', async () => {
    const logger = createTestLogger();
    const index = new HandwritingIndex([
      {
        char: '一',
        medians: [
          [
            [100, 500],
            [900, 500],
          ],
        ],
      },
    ]);
    let asked = 0;
    const module = createHandwritingModule({
      logger,
      simulated: true,
      index: () => {
        asked++;
        return Promise.resolve(index);
      },
    });
    expect(module.name).toBe('handwriting');
    expect(asked).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.events('handwriting.ready')).toEqual([expect.objectContaining({ characters: 1 })]);
  });

  it('says why when the stroke data cannot be read, and does not stop the kiosk starting', async () => {
    const logger = createTestLogger();
    createHandwritingModule({
      logger,
      simulated: true,
      index: () => Promise.reject(new Error('Cannot find module hanzi-writer-data')),
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.events('handwriting.index-failed')).toEqual([
      expect.objectContaining({ reason: 'Cannot find module hanzi-writer-data' }),
    ]);
  });
});
