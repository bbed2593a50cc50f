import { describe, expect, it } from 'vitest';
import { errorCodeSchema } from '../api/contract';
import { printerErrorCode } from './printer-errors';

describe('printer state to error code', () => {
  it('names the fault the citizen can tell staff about', () => {
    expect(printerErrorCode('paper-out')).toBe('printer-paper-out');
    expect(printerErrorCode('cover-open')).toBe('printer-cover-open');
    expect(printerErrorCode('offline')).toBe('printer-offline');
    expect(printerErrorCode('disconnected')).toBe('printer-offline');
  });

  it('gives any other state the general printer error, a code of the API', () => {
    for (const state of ['error', 'starting', 'faulty', 'something-new']) {
      expect(printerErrorCode(state)).toBe('printer-error');
    }
    for (const state of ['paper-out', 'cover-open', 'offline', 'error']) {
      expect(errorCodeSchema.safeParse(printerErrorCode(state)).success).toBe(true);
    }
  });
});
