import { describe, expect, it } from 'vitest';
import { isWellFormedStatusByte, parsePrinterStatus, statusBytesFor } from './escpos-status';

const ok = { printer: 0x10, offline: 0x10, error: 0x10, paper: 0x10 };

describe('parsePrinterStatus', () => {
  it('reads ready and paper near end', () => {
    expect(parsePrinterStatus(ok)).toEqual({ state: 'ready', paperNearEnd: false });
    expect(parsePrinterStatus({ ...ok, paper: 0x1c })).toEqual({ state: 'ready', paperNearEnd: true });
    expect(parsePrinterStatus({ ...ok, paper: 0x14 })).toEqual({ state: 'ready', paperNearEnd: true });
  });

  it('reads paper out from the paper sensor or the offline cause', () => {
    expect(parsePrinterStatus({ ...ok, printer: 0x18, paper: 0x7c })).toEqual({ state: 'paper-out' });
    expect(parsePrinterStatus({ ...ok, printer: 0x18, offline: 0x30 })).toEqual({ state: 'paper-out' });
  });

  it('reads cover open before anything else', () => {
    expect(parsePrinterStatus({ ...ok, printer: 0x18, offline: 0x34, paper: 0x70 })).toEqual({
      state: 'cover-open',
    });
  });

  it('reads error causes', () => {
    expect(parsePrinterStatus({ ...ok, error: 0x18 })).toEqual({
      state: 'error',
      detail: 'auto-cutter error',
    });
    expect(parsePrinterStatus({ ...ok, error: 0x50 })).toEqual({
      state: 'error',
      detail: 'auto-recoverable error (e.g. head temperature)',
    });
    expect(parsePrinterStatus({ ...ok, error: 0x34 })).toMatchObject({
      state: 'error',
      detail: expect.stringContaining('unrecoverable'),
    });
    expect(parsePrinterStatus({ ...ok, offline: 0x50 })).toMatchObject({ state: 'error' });
  });

  it('reads offline, with the feed button as cause', () => {
    expect(parsePrinterStatus({ ...ok, printer: 0x18 })).toEqual({ state: 'offline', detail: 'offline' });
    expect(parsePrinterStatus({ ...ok, printer: 0x18, offline: 0x18 })).toEqual({
      state: 'offline',
      detail: 'paper being fed by the feed button',
    });
  });

  it('accepts Epson-style replies with bit 1 set (0x12 ready, 0x1A offline)', () => {
    expect(parsePrinterStatus({ printer: 0x12, offline: 0x12, error: 0x12, paper: 0x12 })).toEqual({
      state: 'ready',
      paperNearEnd: false,
    });
    expect(parsePrinterStatus({ printer: 0x1a, offline: 0x32, error: 0x12, paper: 0x7e })).toEqual({
      state: 'paper-out',
    });
  });

  it('treats a reply with wrong fixed bits as an error, not a crash', () => {
    for (const bad of [0x00, 0x11, 0x13, 0x90, 0xff, 0x100, -1]) {
      expect(isWellFormedStatusByte(bad)).toBe(false);
    }
    expect(parsePrinterStatus({ ...ok, offline: 0x91 })).toEqual({
      state: 'error',
      detail: 'malformed reply to DLE EOT 2: 0x91',
    });
    expect(parsePrinterStatus({ ...ok, paper: 0x00 })).toMatchObject({ state: 'error' });
  });

  it('round-trips the simulator status bytes for every state', () => {
    expect(parsePrinterStatus(statusBytesFor('ready'))).toEqual({ state: 'ready', paperNearEnd: false });
    expect(parsePrinterStatus(statusBytesFor('paper-near-end'))).toEqual({
      state: 'ready',
      paperNearEnd: true,
    });
    expect(parsePrinterStatus(statusBytesFor('paper-out'))).toEqual({ state: 'paper-out' });
    expect(parsePrinterStatus(statusBytesFor('cover-open'))).toEqual({ state: 'cover-open' });
    expect(parsePrinterStatus(statusBytesFor('offline'))).toEqual({ state: 'offline', detail: 'offline' });
  });
});
