import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations';

describe('store migrations', () => {
  it('are numbered 1, 2, 3... without a gap or a repeat (two branches adding the same number collide here)', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});
