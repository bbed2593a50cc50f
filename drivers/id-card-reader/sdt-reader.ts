import type { Clock } from '../../domain/clock';
import type { ByteTransport } from '../transports/byte-transport';
import { decodeCardText, TEXT_BLOCK_LENGTH } from './card-text';
import { validateIdNumber } from '../../domain/id-number';
import {
  decodeResponse,
  encodeCommand,
  FrameParser,
  type SdtCommandName,
  type SdtResponse,
} from './sdt-frame';
import { describeSw3, sdtReadError } from './sdt-status';
import type { CardIdentity, CardReadError, CardReadFailure, CardReadResult } from './types';

/** The protocol notes allow about 3 s for one response frame; a full read takes 0.3–1 s inside the reader. */
export const DEFAULT_RESPONSE_TIMEOUT_MS = 3000;

const SW3_SUCCESS = 0x90;
const SW3_FIND_SUCCESS = 0x9f;
/** The photo block of a read response: WLT, always 1024 bytes on current cards. */
const PHOTO_LENGTH = 1024;
/**
 * Largest fingerprint block accepted: two 512-byte templates. ASSUMPTION from public readers: the
 * read-with-fingerprint reply carries a third length (fingerprint, 2 bytes BE) after the text and
 * photo lengths, then the fingerprint bytes after the photo; 0 when the card holds none.
 */
export const MAX_FINGERPRINT_LENGTH = 1024;

export type SdtResult<T extends object = object> = ({ ok: true } & T) | CardReadFailure;

export interface SdtCardReaderOptions {
  clock: Clock;
  responseTimeoutMs?: number;
}

type Outcome = { ok: true; response: SdtResponse } | CardReadFailure;

/**
 * The SDT (resident ID card SAM module) reader. One request is in flight at a time; every method
 * returns a result value and never throws for device trouble. Details are for logs and never carry
 * personal data.
 */
export class SdtCardReader {
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly parser = new FrameParser();
  private queue: Promise<unknown> = Promise.resolve();
  private pending: ((outcome: Outcome) => void) | undefined;
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly transport: ByteTransport,
    opts: SdtCardReaderOptions,
  ) {
    this.clock = opts.clock;
    this.timeoutMs = opts.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS;
    this.unsubscribe = [
      transport.onData((chunk) => this.onChunk(chunk)),
      transport.onError((err) =>
        this.pending?.(fail('disconnected', `${transport.description}: ${err.message}`)),
      ),
    ];
  }

  /** Stops listening to the transport (does not close it). */
  dispose(): void {
    for (const u of this.unsubscribe) u();
  }

  findCard(): Promise<SdtResult> {
    return this.exclusive(() => this.doFind());
  }

  selectCard(): Promise<SdtResult> {
    return this.exclusive(() => this.doSelect());
  }

  /** Reads text and photo of a card already found and selected. */
  readText(): Promise<CardReadResult> {
    return this.exclusive(() => this.doRead());
  }

  /** Find, select and read as one unit, so no other request slips in between. */
  readCard(): Promise<CardReadResult> {
    return this.exclusive(async () => {
      const found = await this.doFind();
      if (!found.ok) return found;
      const selected = await this.doSelect();
      if (!selected.ok) return selected;
      return this.doRead();
    });
  }

  /** Find, select and read text, photo and fingerprint templates as one unit. */
  readCardWithFingerprint(): Promise<CardReadResult> {
    return this.exclusive(async () => {
      const found = await this.doFind();
      if (!found.ok) return found;
      const selected = await this.doSelect();
      if (!selected.ok) return selected;
      return this.doRead(true);
    });
  }

  samStatus(): Promise<SdtResult> {
    return this.exclusive(() => this.expectSuccess('samStatus', 'SAM status'));
  }

  resetSam(): Promise<SdtResult> {
    return this.exclusive(() => this.expectSuccess('resetSam', 'reset SAM'));
  }

  /**
   * The SAM id as hex of the reply's data bytes. Vendors format it differently (dotted and dashed
   * decimal groups); the raw form avoids guessing one.
   */
  readSamId(): Promise<SdtResult<{ samId: string }>> {
    return this.exclusive(async () => {
      const out = await this.transact('readSamId');
      if (!out.ok) return out;
      if (out.response.sw3 !== SW3_SUCCESS) return failFor('read SAM id', out.response.sw3);
      return { ok: true, samId: Buffer.from(out.response.data).toString('hex').toUpperCase() };
    });
  }

  private async doFind(): Promise<SdtResult> {
    const out = await this.transact('findCard');
    if (!out.ok) return out;
    return out.response.sw3 === SW3_FIND_SUCCESS ? { ok: true } : failFor('find card', out.response.sw3);
  }

  private doSelect(): Promise<SdtResult> {
    return this.expectSuccess('selectCard', 'select card');
  }

  private async expectSuccess(command: SdtCommandName, what: string): Promise<SdtResult> {
    const out = await this.transact(command);
    if (!out.ok) return out;
    return out.response.sw3 === SW3_SUCCESS ? { ok: true } : failFor(what, out.response.sw3);
  }

  private async doRead(withFingerprint = false): Promise<CardReadResult> {
    const command = withFingerprint ? 'readTextPhotoFingerprint' : 'readTextPhoto';
    const out = await this.transact(command);
    if (!out.ok) return out;
    const { sw3, data } = out.response;
    if (sw3 !== SW3_SUCCESS) return failFor('read card', sw3);
    const headerLength = withFingerprint ? 6 : 4;
    if (data.length < headerLength) {
      return fail('malformed', `read card: ${data.length} data bytes, no length header`);
    }
    const textLength = (data[0]! << 8) | data[1]!;
    const photoLength = (data[2]! << 8) | data[3]!;
    const fingerprintLength = withFingerprint ? (data[4]! << 8) | data[5]! : 0;
    if (
      textLength !== TEXT_BLOCK_LENGTH ||
      photoLength !== PHOTO_LENGTH ||
      fingerprintLength > MAX_FINGERPRINT_LENGTH ||
      data.length < headerLength + textLength + photoLength + fingerprintLength
    ) {
      return fail(
        'malformed',
        `read card: text ${textLength} / photo ${photoLength} / fingerprint ${fingerprintLength} bytes in a ${data.length}-byte reply, expected 256 / 1024 / at most ${MAX_FINGERPRINT_LENGTH}`,
      );
    }
    const textStart = headerLength;
    const photoStart = textStart + textLength;
    const fingerprintStart = photoStart + photoLength;
    const decoded = decodeCardText(data.subarray(textStart, photoStart));
    if (!decoded.ok) return fail(decoded.error, `read card: ${decoded.detail}`);
    const idProblem = checkIdNumber(decoded.identity);
    if (idProblem) return fail('invalid-id-number', `read card: ${idProblem}`);
    const photo = Uint8Array.from(data.subarray(photoStart, fingerprintStart));
    if (!withFingerprint) return { ok: true, card: { identity: decoded.identity, photo } };
    const fingerprint = Uint8Array.from(
      data.subarray(fingerprintStart, fingerprintStart + fingerprintLength),
    );
    return { ok: true, card: { identity: decoded.identity, photo, fingerprint } };
  }

  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    const result = this.queue.then(job, job);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async transact(command: SdtCommandName): Promise<Outcome> {
    if (!this.transport.isOpen) {
      try {
        await this.transport.open();
      } catch (err) {
        return fail('disconnected', `${command}: ${(err as Error).message}`);
      }
    }
    // Whatever is buffered belongs to an earlier request that timed out; it must not answer this one.
    this.parser.reset();
    return new Promise<Outcome>((resolve) => {
      const finish = (outcome: Outcome): void => {
        if (this.pending !== finish) return;
        this.pending = undefined;
        this.clock.clearTimeout(timer);
        resolve(outcome);
      };
      this.pending = finish;
      const timer = this.clock.setTimeout(
        () => finish(fail('timeout', `${command}: no response within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      this.transport
        .write(encodeCommand(command))
        .catch((err: Error) => finish(fail('disconnected', `${command}: ${err.message}`)));
    });
  }

  private onChunk(chunk: Uint8Array): void {
    const finish = this.pending;
    if (!finish) return; // no request waiting: a late or unsolicited frame
    for (const result of this.parser.push(chunk)) {
      if (result.ok) {
        const response = decodeResponse(result.body);
        finish(
          response
            ? { ok: true, response }
            : fail('malformed', `response body of ${result.body.length} bytes`),
        );
        return;
      }
      if (result.error === 'checksum') {
        finish(fail('checksum', result.detail));
        return;
      }
      // An impossible LEN is noise; the parser has resynchronised, keep waiting for the real frame.
    }
  }
}

/**
 * The number must pass its check character on cards whose numbers follow GB 11643 (resident, HMT
 * permit, 2023 foreigner card). The older foreigner card has a 15-character number without one.
 */
function checkIdNumber(identity: CardIdentity): string | null {
  if (identity.cardType === 'foreign-permanent-resident') {
    return /^[A-Z0-9]{15}$/.test(identity.idNumber)
      ? null
      : 'permanent residence number is not 15 letters/digits';
  }
  return validateIdNumber(identity.idNumber) ? null : 'ID number fails its format or check character';
}

function fail(error: CardReadError, detail: string): CardReadFailure {
  return { ok: false, error, detail };
}

function failFor(what: string, sw3: number): CardReadFailure {
  return fail(sdtReadError(sw3), `${what}: ${describeSw3(sw3)}`);
}
