import { describe, expect, it } from 'vitest';
import { fenOf, yuan } from './money';

describe('money', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(yuan(8000)).toBe('80.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(0)).toBe('0.00');
    expect(yuan(123456)).toBe('1234.56');
  });

  it('counts a yuan amount in whole fen', () => {
    expect(fenOf(80)).toBe(8000);
    expect(fenOf(19.99)).toBe(1999);
    expect(fenOf(0.1 + 0.2)).toBe(30);
  });
});
