import { describe, expect, it } from 'vitest';
import { migrations } from './migrations';

describe('central migrations', () => {
  it('are numbered 1, 2, 3... without a gap or a repeat (two branches adding the same number collide here)', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });
});
