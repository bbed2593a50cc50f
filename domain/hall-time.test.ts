import { describe, expect, it } from 'vitest';
import { hallTime } from './hall-time';

describe('hallTime', () => {
  it('prints the hall’s wall-clock time whatever the zone of the instant given', () => {
    expect(hallTime('2026-11-25T01:30:00.000Z')).toBe('2026-11-25 09:30');
    expect(hallTime('2026-11-25T17:05:00+01:00')).toBe('2026-11-26 00:05');
  });

  it('gives back what is not a time as it was', () => {
    expect(hallTime('not a time')).toBe('not a time');
  });
});
