import { describe, expect, it } from 'vitest';
import { ageOn, birthDateOfIdNumber, idCheckCharacter, validateIdNumber } from './id-number';

describe('ID number check character', () => {
  it('accepts known-valid numbers, including an X check character', () => {
    expect(validateIdNumber('11010519491231002X')).toBe(true);
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(validateIdNumber('440524188001010014')).toBe(true);
    expect(idCheckCharacter('44052418800101001')).toBe('4');
  });

  it('rejects a wrong check character, a lower-case x, bad length and non-digits', () => {
    expect(validateIdNumber('110105194912310021')).toBe(false);
    expect(validateIdNumber('11010519491231002x')).toBe(false);
    expect(validateIdNumber('11010519491231002')).toBe(false);
    expect(validateIdNumber('1101051949123100X2')).toBe(false);
    expect(validateIdNumber('')).toBe(false);
  });

  it('detects every single-digit change', () => {
    const valid = '11010519491231002X';
    for (let i = 0; i < 17; i++) {
      const d = (Number(valid[i]) + 1) % 10;
      expect(validateIdNumber(valid.slice(0, i) + d + valid.slice(i + 1))).toBe(false);
    }
  });

  it('throws on anything but 17 digits (a caller bug)', () => {
    expect(() => idCheckCharacter('123')).toThrow(RangeError);
  });
});

describe('the birth date in an ID number, and age on a day', () => {
  it('reads the birth date of a valid number', () => {
    expect(birthDateOfIdNumber('11010519491231002X')).toBe('1949-12-31');
    const first17 = '33010619450229123';
    // 1945 was not a leap year: a valid check character does not make 29 February a date.
    expect(birthDateOfIdNumber(first17 + idCheckCharacter(first17))).toBeUndefined();
    expect(birthDateOfIdNumber('110105194912310021')).toBeUndefined();
  });

  it('counts whole years, one more on the birthday', () => {
    expect(ageOn('1946-12-08', '2026-12-07')).toBe(79);
    expect(ageOn('1946-12-08', '2026-12-08')).toBe(80);
    expect(ageOn('1946-12-07', '2026-12-07')).toBe(80);
  });

  it('refuses a malformed date with a clear error', () => {
    expect(() => ageOn('19461208', '2026-12-07')).toThrow('ageOn needs YYYY-MM-DD dates');
  });
});
