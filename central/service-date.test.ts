import { describe, expect, it } from 'vitest';
import { serviceDate } from './service-date';

describe('serviceDate', () => {
  it('turns over at midnight China Standard Time (UTC+8)', () => {
    expect(serviceDate(Date.UTC(2026, 10, 25, 15, 59, 59, 999))).toBe('2026-11-25');
    expect(serviceDate(Date.UTC(2026, 10, 25, 16, 0, 0))).toBe('2026-11-26');
    expect(serviceDate(Date.UTC(2026, 10, 26, 0, 0, 0))).toBe('2026-11-26');
    expect(serviceDate(Date.UTC(2026, 11, 31, 16, 0, 0))).toBe('2027-01-01');
  });
});
