import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScan } from './scan';

const FOLLOW = 'https://zwfw.example.gov.cn/q';

describe('parseScan', () => {
  it('recognises appointment codes, ticket QR codes and the app identity code', () => {
    expect(parseScan('appt:AB12CD34\r', FOLLOW)).toEqual({ kind: 'appointment', code: 'AB12CD34' });
    expect(parseScan('appt:AB12CD34.ABCDEFGH23456789', FOLLOW)).toEqual({
      kind: 'appointment',
      code: 'AB12CD34',
      token: 'ABCDEFGH23456789',
    });
    // A token of the wrong length or alphabet is not a booking's QR code.
    expect(parseScan('appt:AB12CD34.ABC', FOLLOW).kind).toBe('unrecognised');
    expect(parseScan(`${FOLLOW}/T-2026-001`, FOLLOW)).toEqual({ kind: 'visit', ticketId: 'T-2026-001' });
    expect(parseScan('citizen-id:33010619800101123x', FOLLOW)).toEqual({
      kind: 'citizen-id',
      idNumber: '33010619800101123X',
    });
  });

  it('calls anything else unrecognised and never throws', () => {
    expect(parseScan('citizen-id:123', FOLLOW).kind).toBe('unrecognised');
    expect(parseScan(`${FOLLOW}/%E0%A4%A`, FOLLOW).kind).toBe('unrecognised');
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(parseScan(s, FOLLOW).kind).toBeTypeOf('string');
      }),
    );
  });
});
