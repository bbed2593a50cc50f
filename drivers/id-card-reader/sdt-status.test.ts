import { describe, expect, it } from 'vitest';
import { describeSw3, sdtReadError, sdtStatus, SW3_TABLE } from './sdt-status';

describe('SW3 status codes', () => {
  it('maps every code of the reference to a distinct typed status', () => {
    const codes = [
      0x90, 0x91, 0x9f, 0x80, 0x81, 0x41, 0x40, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x47, 0x60,
      0x66,
    ];
    const statuses = codes.map(sdtStatus);
    expect(statuses).not.toContain('unrecognised');
    expect(new Set(statuses).size).toBe(codes.length);
    expect(SW3_TABLE).toHaveLength(codes.length);
  });

  it('maps codes to read errors', () => {
    expect(sdtReadError(0x80)).toBe('no-card');
    expect(sdtReadError(0x81)).toBe('select-failed');
    expect(sdtReadError(0x41)).toBe('read-failed');
    expect(sdtReadError(0x40)).toBe('unknown-card-type');
    expect(sdtReadError(0x10)).toBe('checksum');
    expect(sdtReadError(0x60)).toBe('sam-error');
    expect(sdtReadError(0x31)).toBe('sam-error');
    expect(sdtReadError(0xee)).toBe('read-failed');
    expect(sdtStatus(0xee)).toBe('unrecognised');
  });

  it('describes a code for logs', () => {
    expect(describeSw3(0x80)).toBe('SW3 0x80 (find card failed (no card))');
    expect(describeSw3(0x05)).toBe('SW3 0x05 (unrecognised)');
  });
});
