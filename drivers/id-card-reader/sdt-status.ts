import type { CardReadError } from './types';

/**
 * Every SW3 code of the reader protocol, declared once: the typed status, what it means, and the
 * error a card read reports for it. `readError: null` marks the success codes.
 */
export const SW3_TABLE = [
  { code: 0x90, status: 'success', meaning: 'success', readError: null },
  { code: 0x91, status: 'no-content', meaning: 'no content for this item', readError: 'read-failed' },
  { code: 0x9f, status: 'find-success', meaning: 'find card success', readError: null },
  { code: 0x80, status: 'no-card', meaning: 'find card failed (no card)', readError: 'no-card' },
  { code: 0x81, status: 'select-failed', meaning: 'select card failed', readError: 'select-failed' },
  { code: 0x41, status: 'read-failed', meaning: 'read failed', readError: 'read-failed' },
  { code: 0x40, status: 'unknown-card-type', meaning: 'unknown card type', readError: 'unknown-card-type' },
  // The reader received a corrupt frame from us; reported like a corrupt frame from the reader.
  {
    code: 0x10,
    status: 'checksum-error',
    meaning: 'checksum error in received frame',
    readError: 'checksum',
  },
  { code: 0x11, status: 'length-error', meaning: 'length error', readError: 'malformed' },
  { code: 0x21, status: 'command-error', meaning: 'command error', readError: 'malformed' },
  { code: 0x23, status: 'unauthorised', meaning: 'unauthorised operation', readError: 'sam-error' },
  { code: 0x24, status: 'unknown-error', meaning: 'unknown error', readError: 'read-failed' },
  // 0x31..0x66 are failures of the SAM or of the card/SAM mutual authentication.
  {
    code: 0x31,
    status: 'card-auth-sam-failed',
    meaning: 'card failed to authenticate the SAM',
    readError: 'sam-error',
  },
  {
    code: 0x32,
    status: 'sam-auth-card-failed',
    meaning: 'SAM failed to authenticate the card',
    readError: 'sam-error',
  },
  {
    code: 0x33,
    status: 'verification-error',
    meaning: 'information verification error',
    readError: 'sam-error',
  },
  { code: 0x47, status: 'random-failed', meaning: 'random-number fetch failed', readError: 'sam-error' },
  { code: 0x60, status: 'sam-self-test-failed', meaning: 'SAM self-test failed', readError: 'sam-error' },
  { code: 0x66, status: 'sam-not-authorised', meaning: 'SAM not authorised', readError: 'sam-error' },
] as const satisfies readonly {
  code: number;
  status: string;
  meaning: string;
  readError: CardReadError | null;
}[];

export type SdtStatus = (typeof SW3_TABLE)[number]['status'] | 'unrecognised';
export type SdtStatusEntry = (typeof SW3_TABLE)[number];

const byCode = new Map<number, SdtStatusEntry>(SW3_TABLE.map((e) => [e.code, e]));

export function sdtStatus(sw3: number): SdtStatus {
  return byCode.get(sw3)?.status ?? 'unrecognised';
}

/** The card-read error for a non-success SW3 (an unrecognised code counts as a failed read). */
export function sdtReadError(sw3: number): CardReadError {
  return byCode.get(sw3)?.readError ?? 'read-failed';
}

/** Loggable text for a status code: contains the code and its meaning, nothing else. */
export function describeSw3(sw3: number): string {
  const entry = byCode.get(sw3);
  return `SW3 0x${sw3.toString(16).padStart(2, '0').toUpperCase()} (${entry?.meaning ?? 'unrecognised'})`;
}
